import type { Viewer } from '../views/page-context.ts';
import { AppError } from '../http/errors.ts';

/** A named rule: true only when the viewer may act on the resource. */
export type Rule<R> = (viewer: Viewer | null, resource: R) => boolean;

/** Each feature declares its rules in one place; an action without a rule is denied. */
export function createPolicy<R, A extends string>(rules: Partial<Record<A, Rule<R>>>) {
  return {
    can(viewer: Viewer | null, action: A, resource: R): boolean {
      const rule = rules[action];
      return rule ? rule(viewer, resource) === true : false;
    },
    authorize(viewer: Viewer | null, action: A, resource: R): void {
      if (this.can(viewer, action, resource)) return;
      throw viewer
        ? new AppError('forbidden', "You don't have permission to do that.")
        : new AppError('unauthorized', 'Please log in to do that.');
    },
  };
}
