/** Who left kudos on a work, as the work page shows it. */
export interface KudosSummary {
  /** Named members, most recent first, up to KUDOS_NAMES_SHOWN. */
  members: string[];
  /** All members who left kudos (may be more than the names shown). */
  memberCount: number;
  guestCount: number;
}

/** The most member names listed on a work page; the rest are counted. */
export const KUDOS_NAMES_SHOWN = 50;

/** What the kudos button answers a script with (kudos.island.tsx). */
export interface KudosAnswer {
  message: string;
  kudosCount: number;
  summary: KudosSummary;
}

/** What a work must tell about itself to decide on kudos. */
export interface KudosTarget {
  id: number;
  posted: boolean;
  restricted: boolean;
  creatorUserIds: number[];
}
