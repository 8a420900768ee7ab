export interface Pseud {
  id: number;
  userId: number;
  username: string;
  name: string;
  isDefault: boolean;
}

/** A pseud on its owner's list, with how many works and series it is credited on. */
export interface PseudWithCredits {
  id: number;
  name: string;
  isDefault: boolean;
  workCount: number;
  seriesCount: number;
}
