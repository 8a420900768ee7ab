import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}
