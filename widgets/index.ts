/** Registers every `<dl-…>` widget. Import for its side effects. */
import './decision-boundary/decision-boundary.ts';
