import { createPolicy } from '../../platform/security/authorize.ts';

/** Whose history this is: reading history and the "Marked for later" list are for their owner's eyes only. */
export interface HistoryOwner {
  userId: number;
}

/** Who may do what with a member's history and later list. Anything not listed here is denied. */
export const historyPolicy = createPolicy<HistoryOwner, 'view' | 'change'>({
  view: (viewer, owner) => viewer !== null && viewer.id === owner.userId,
  change: (viewer, owner) => viewer !== null && viewer.id === owner.userId,
});
