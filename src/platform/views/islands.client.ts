/**
 * The browser entry point of the islands bundle (built by platform/http/assets.ts). Each island
 * finds the elements that ask for it by a data attribute and enhances them in place.
 */
import { mountTagAutocomplete } from '../../features/tags/autocomplete/autocomplete.island.tsx';
import { mountKudos } from '../../features/kudos/kudos.island.tsx';

const islands: ((root: ParentNode) => void)[] = [mountTagAutocomplete, mountKudos];

for (const mount of islands) mount(document);
