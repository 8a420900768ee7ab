import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';

/** "username" for their default pen name, or "username/pen name" for another of theirs. */
export const inviteSchema = z.object({
  creator: textField('Co-creator', { max: 82, required: true }),
});

export function splitInvitee(typed: string): { username: string; pseudName: string | null } {
  const slash = typed.indexOf('/');
  if (slash === -1) return { username: typed.trim(), pseudName: null };
  return { username: typed.slice(0, slash).trim(), pseudName: typed.slice(slash + 1).trim() };
}

export type InviteForm = z.output<typeof inviteSchema>;
