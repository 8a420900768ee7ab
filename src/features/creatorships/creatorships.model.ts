/** The account orphaned works are credited to (created by migration 0004, and nobody can log in as it). */
export const ORPHAN_ACCOUNT = 'orphan_account';

/** A pseud that could be invited to co-create a work. */
export interface Invitee {
  pseudId: number;
  pseudName: string;
  userId: number;
  username: string;
}

/** A co-creator invitation waiting for its pseud's owner to answer. */
export interface Invitation {
  workId: number;
  workTitle: string;
  pseudId: number;
  pseudName: string;
  /** The work's accepted creators, who sent it. */
  creatorNames: string[];
  invitedAt: Date;
}
