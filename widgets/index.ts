/**
 * Registers every `<dl-…>` widget (import it for its side effects). The list is the folders:
 * `widgets/<name>/<name>.ts` defines `<dl-name>`, so a new widget is one folder and nothing else.
 * `loader.ts` finds the same files lazily (decks load only the widgets they use).
 */
import.meta.glob(['./*/*.ts', '!./_shared/**', '!./*/*.*.ts'], { eager: true });
