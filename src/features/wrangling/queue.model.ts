import type { Tag, TagType } from '../tags/tags.model.ts';

/** The tag types a fandom's queue sorts into it (AO3's "unwrangled bins"). */
export const QUEUE_TYPES = ['character', 'relationship', 'freeform'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

export const QUEUE_TYPE_LABELS: Record<QueueType, string> = {
  character: 'Characters',
  relationship: 'Relationships',
  freeform: 'Additional tags',
};

export const QUEUE_PAGE_SIZE = 50;

/** One row of a queue: a tag that still needs wrangling into the fandom. */
export interface QueueTag {
  id: number;
  type: TagType;
  name: string;
  /** Canonical but with no fandom parent yet (AO3 lists these too). */
  canonical: boolean;
  workCount: number;
  createdAt: Date;
}

export interface QueuePage {
  tags: QueueTag[];
  /** How many tags the whole queue holds, over every page. */
  total: number;
}

/** One of a wrangler's fandoms on the dashboard, with how many tags wait in each queue. */
export interface AssignedFandom extends Tag {
  unwrangled: Record<QueueType, number>;
}

/** The bulk actions of the queue form. */
export const BULK_ACTIONS = ['canonical_parent', 'parent', 'unwrangleable'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface BulkFailure {
  tagId: number;
  name: string;
  reason: string;
}

export const queuePath = (fandomName: string, type?: QueueType, page?: number, done?: number) => {
  const params = new URLSearchParams();
  if (type) params.set('type', type);
  if (page && page > 1) params.set('page', String(page));
  if (done !== undefined) params.set('done', String(done));
  const query = params.toString();
  return `/wrangling/fandoms/${encodeURIComponent(fandomName)}${query ? `?${query}` : ''}`;
};

