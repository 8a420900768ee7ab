import type { Role } from '../../features/accounts/accounts.table.ts';
import type { Viewer } from '../views/page-context.ts';

/** True when the signed-in viewer holds the role; guests hold none. Policies build their rules on this. */
export const hasRole = (viewer: Viewer | null, role: Role): boolean => viewer?.roles.includes(role) === true;
