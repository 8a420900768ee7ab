import { parseDocument } from 'htmlparser2';
import { findOne, getElementById, textContent } from 'domutils';
import type { AnyNode, Document, Element } from 'domhandler';
import type { Paragraph, ParagraphHint } from '../paragraph.ts';
import { HtmlWalker, isElement, type Profile, type WalkAction } from './html-walker.ts';

/**
 * HTML, including pages saved from fan fiction sites. Each site's chrome (menus, tag lists,
 * "Posted originally on…", review boxes) is dropped; the site's own markup says what is the
 * title, the summary, the notes and the chapter headings, and the detector takes those as hints.
 */
const classes = (element: Element) => (element.attribs.class ?? '').split(/\s+/);
const hasClass = (element: Element, name: string) => classes(element).includes(name);
const byId = (doc: Document, id: string) => getElementById(id, doc.children, true);
const find = (nodes: AnyNode[], test: (e: Element) => boolean) => findOne(test, nodes, true);
const labelOf = (element: Element) => textContent(element).replace(/\s+/g, ' ').trim().replace(/:$/, '').toLowerCase();

// ---- AO3: downloads (#preface, #chapters, #afterword) and saved pages (#workskin) ----

const AO3_LABELS: Record<string, ParagraphHint | null> = {
  summary: 'summary',
  notes: 'notes',
  'end notes': 'endNotes',
  'chapter notes': null,
  'chapter end notes': null,
  'chapter text': null,
};
const AO3_CHROME_CLASSES = ['tags', 'byline', 'message', 'actions', 'navigation', 'jump', 'landmark', 'stats', 'afterword-chrome', 'feedback', 'kudos'];
const AO3_CHROME_IDS = new Set(['endnotes', 'feedback', 'kudos', 'comments_placeholder', 'header', 'footer', 'skiplinks', 'main-nav']);

function ao3Profile(): Profile {
  let pending: ParagraphHint | null = null;
  let pendingSet = false;
  return (element) => {
    if (AO3_CHROME_IDS.has(element.attribs.id ?? '') || AO3_CHROME_CLASSES.some((c) => hasClass(element, c))) return { skip: true };
    if (/^(p|h[2-4])$/.test(element.name) && labelOf(element) in AO3_LABELS) {
      pending = AO3_LABELS[labelOf(element)] ?? null;
      pendingSet = true;
      return { skip: true };
    }
    if (element.name === 'blockquote' && hasClass(element, 'userstuff') && pendingSet) {
      pendingSet = false;
      return { hint: pending };
    }
    if ((element.name === 'h1' && element.parent && isElement(element.parent) && hasClass(element.parent, 'meta')) || (element.name === 'h2' && hasClass(element, 'title'))) {
      return { hint: 'title' };
    }
    if (/^h[2-3]$/.test(element.name) && (hasClass(element, 'heading') || hasClass(element, 'title') || hasClass(element, 'toc-heading'))) return { hint: 'chapterTitle' };
    return null;
  };
}

// ---- eFiction (viewstory.php): #pagetitle, .notes, #story ----

function efictionProfile(doc: Document): Profile {
  const story = byId(doc, 'story');
  let seenStory = false;
  return (element) => {
    if (element === story) {
      seenStory = true;
      return { hint: null };
    }
    if (element.attribs.id === 'pagetitle') return { hint: 'title' };
    if (hasClass(element, 'label') || hasClass(element, 'jumpmenu') || hasClass(element, 'reviews') || element.attribs.id === 'footer') return { skip: true };
    if (hasClass(element, 'notes')) return { hint: seenStory ? 'endNotes' : 'notes' };
    if (hasClass(element, 'chaptertitle')) return { hint: 'chapterTitle' };
    return null;
  };
}

/** The byline after the title link ("Title by Author") is chrome: eFiction's title is the first link. */
function efictionTitle(doc: Document): string | null {
  const pageTitle = byId(doc, 'pagetitle');
  const link = pageTitle ? find(pageTitle.children, (e) => e.name === 'a') : null;
  return link ? textContent(link) : null;
}

// ---- Generic pages and DOCX: drop the obvious chrome ----

const genericProfile: Profile = (element): WalkAction =>
  ['header', 'footer', 'aside'].includes(element.name) ? { skip: true } : null;

export function htmlParagraphs(html: string): Paragraph[] {
  const doc = parseDocument(html);
  if (byId(doc, 'chapters') || byId(doc, 'workskin') || byId(doc, 'preface')) {
    const walker = new HtmlWalker(ao3Profile());
    walker.walk(doc.children);
    return walker.finish();
  }
  const storytext = byId(doc, 'storytext');
  if (storytext) {
    // FanFiction.net: the story is #storytext; the title is the bold heading in #profile_top.
    const walker = new HtmlWalker(genericProfile);
    const top = byId(doc, 'profile_top');
    const title = top ? find(top.children, (e) => e.name === 'b' && hasClass(e, 'xcontrast_txt')) : null;
    if (title) walker.push(textContent(title), 'title');
    walker.walk(storytext.children);
    return walker.finish();
  }
  const story = byId(doc, 'story');
  if (story && byId(doc, 'pagetitle')) {
    const walker = new HtmlWalker(efictionProfile(doc));
    const title = efictionTitle(doc);
    if (title) walker.push(title, 'title');
    const content = story.parent && isElement(story.parent) ? story.parent.children : [story];
    walker.walk(content.filter((node) => !(isElement(node) && node.attribs.id === 'pagetitle')));
    return walker.finish();
  }
  const walker = new HtmlWalker(genericProfile);
  const body = find(doc.children, (e) => e.name === 'body');
  walker.walk(body ? body.children : doc.children);
  return walker.finish();
}
