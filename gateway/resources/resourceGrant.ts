/**
 * Which of a connector's resources a grant lets the caller read (issue 13): every one when the user
 * left them all ticked ('*'); otherwise a resource the user ticked, by the upstream's URI, or one a
 * ticked resource template expands to (RFC 6570, matched loosely: an expression stands for any text
 * its operator allows, so `repo://{owner}/{repo}/contents/{+path}` covers
 * `repo://acme/x/contents/docs/a.md`) — unless the upstream lists that very resource and the user
 * left it unticked: unticking one resource hides it even under a ticked template.
 */
import { grantsItem, type GrantedItems } from '../store/store.ts';

const EXPRESSION = /\{([+#./;?&]?)[^}]*\}/g;
/** What each RFC 6570 operator's expansion may contain (a loose superset: reserved characters for + and #). */
const EXPANSION: Record<string, string> = {
  '': '[^/?#]*',
  '+': '[^?#]*(?:[?#].*)?',
  '#': '(?:#.*)?',
  '.': '(?:\\.[^/?#]*)?',
  '/': '(?:/[^?#]*)?',
  ';': '(?:;[^/?#]*)?',
  '?': '(?:\\?[^#]*)?',
  '&': '(?:&[^#]*)?',
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compiled = new Map<string, RegExp>();
/** The template as an anchored pattern; compiled once per template (a bounded map: upstream lists are bounded). */
function patternOf(template: string): RegExp {
  let pattern = compiled.get(template);
  if (!pattern) {
    let source = '';
    let at = 0;
    for (const match of template.matchAll(EXPRESSION)) {
      source += escape(template.slice(at, match.index)) + EXPANSION[match[1] ?? '']!;
      at = match.index + match[0].length;
    }
    pattern = new RegExp(`^${source}${escape(template.slice(at))}$`, 's');
    if (compiled.size > 5000) compiled.clear();
    compiled.set(template, pattern);
  }
  return pattern;
}

/** Whether `uri` (a URI an upstream template would produce) expands from `template`. */
export const expandsFrom = (template: string, uri: string): boolean => patternOf(template).test(uri);

export const isTemplate = (entry: string): boolean => /\{[^}]*\}/.test(entry);

/** Whether the grant's resource choice covers the upstream's `uri`; `listed` says whether the upstream lists that URI itself. */
export async function grantsResource(resources: GrantedItems, uri: string, listed: () => Promise<boolean>): Promise<boolean> {
  if (grantsItem(resources, uri)) return true;
  if (resources === '*' || !resources.some((entry) => isTemplate(entry) && expandsFrom(entry, uri))) return false;
  return !(await listed());
}
