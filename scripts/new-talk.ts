/**
 * `npm run new-talk -- "Grokking: when networks suddenly generalize" --author "Ada Lovelace"`
 *
 * Creates student-talks/<yyyy>-<handle>-<slug>/ from student-talks/_template/ (STYLE.md's folder
 * rule: year, the author's handle, a slug of the title). The talk appears on the home page and in
 * every build by itself. Options:
 *   --author "Name"   your name (required)
 *   --handle name     short handle in the folder name (default: first initial + last name, "alovelace")
 *   --year 2026       year in the folder name (default: this year)
 *   --root DIR        project folder to create the talk in (default: this project; tests use a temp dir)
 * Never prints a stack trace: every mistake gets a sentence and the usage.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const USAGE = `Usage: npm run new-talk -- "Title of your talk" --author "Your Name" [--handle yourname] [--year 2026]

Example:
  npm run new-talk -- "Grokking: when networks suddenly generalize" --author "Ada Lovelace"
creates student-talks/2026-alovelace-grokking-when-networks-suddenly-generalize/`;

/** Lowercase ASCII words joined by dashes. */
export function slugify(text: string, maxWords = 6): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-');
}

/** "Ada Lovelace" → "alovelace"; one word → that word. */
export function handleOf(author: string): string {
  const words = slugify(author, 10).split('-').filter(Boolean);
  if (words.length === 0) return '';
  if (words.length === 1) return words[0];
  return `${words[0][0]}${words[words.length - 1]}`;
}

interface Args {
  title?: string;
  /** The words that were not options, as given. */
  positional: string[];
  author?: string;
  handle?: string;
  year?: string;
  root?: string;
  help?: boolean;
  problems: string[];
}

function parseArgs(argv: string[]): Args {
  const out: Args = { positional: [], problems: [] };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(author|handle|year|root)(?:=(.*))?$/.exec(a);
    if (a === '--help' || a === '-h') out.help = true;
    else if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined || value.startsWith('--')) out.problems.push(`--${m[1]} needs a value.`);
      else out[m[1] as 'author' | 'handle' | 'year' | 'root'] = value;
    } else if (a.startsWith('--')) out.problems.push(`Unknown option ${a}.`);
    else positional.push(a);
  }
  if (positional.length > 1) out.problems.push(`Put the title in quotes: got ${positional.length} separate words (${positional.join(' ')}).`);
  out.title = positional.join(' ').trim() || undefined;
  out.positional = positional;
  return out;
}

const OPTIONS = ['author', 'handle', 'year', 'root'] as const;

/**
 * Without `--` after `npm run new-talk`, npm takes `--author` (and the other options) for its own
 * configuration: it sets npm_config_author in the environment and passes the script only the
 * remaining words. Returns the sentence that says so, with the command to type, or null.
 */
function swallowedByNpm(args: Args, env: NodeJS.ProcessEnv): string | null {
  const swallowed = OPTIONS.filter((o) => env[`npm_config_${o}`] !== undefined && args[o] === undefined);
  if (swallowed.length === 0) return null;
  const [title = 'Title of your talk', ...rest] = args.positional;
  const given = env.npm_config_author;
  const author = given && given !== 'true' ? given : rest.join(' ') || 'Your Name';
  return `npm kept ${swallowed.map((o) => `--${o}`).join(', ')} for itself, because there is no -- before the options. Put -- after new-talk:
  npm run new-talk -- "${title}" --author "${author}"`;
}

/** Create the talk; returns the exit code. Exported for tests. */
export function newTalk(argv: string[], log = console.log, error = console.error, env: NodeJS.ProcessEnv = process.env): number {
  const args = parseArgs(argv);
  if (args.help) {
    log(USAGE);
    return 0;
  }
  const npmAte = swallowedByNpm(args, env);
  if (npmAte) {
    error(`new-talk: ${npmAte}`);
    return 1;
  }
  if (!args.title) args.problems.unshift('The title of your talk is missing.');
  if (!args.author?.trim()) args.problems.push('Your name is missing: add --author "Your Name".');
  if (args.year !== undefined && !/^\d{4}$/.test(args.year)) args.problems.push(`--year must be four digits, got "${args.year}".`);
  if (args.title && /["\n]/.test(args.title)) args.problems.push('The title cannot contain double quotes or line breaks.');
  if (args.problems.length > 0) {
    for (const p of args.problems) error(`new-talk: ${p}`);
    error('');
    error(USAGE);
    return 1;
  }
  const title = args.title!;
  const author = args.author!.trim();
  const handle = slugify(args.handle ?? handleOf(author), 3);
  const slug = slugify(title);
  if (!handle || !slug) {
    error(`new-talk: could not make a folder name from ${!slug ? `the title "${title}"` : `the name "${author}"`}: use letters or digits${!handle ? ', or give --handle' : ''}.`);
    return 1;
  }
  const year = args.year ?? String(new Date().getFullYear());
  const folder = `${year}-${handle}-${slug}`;
  const projectRoot = resolve(args.root ?? join(import.meta.dirname, '..'));
  const template = join(import.meta.dirname, '..', 'student-talks', '_template');
  const target = join(projectRoot, 'student-talks', folder);
  const shown = relative(process.cwd(), target) || target;
  if (!existsSync(template)) {
    error(`new-talk: the template folder ${template} is missing.`);
    return 1;
  }
  if (existsSync(target)) {
    error(`new-talk: ${shown} already exists. Pick another title, or edit that talk's slides.md.`);
    return 1;
  }
  mkdirSync(join(projectRoot, 'student-talks'), { recursive: true });
  cpSync(template, target, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const fill = (text: string) => text.replaceAll('{{TITLE}}', title).replaceAll('{{AUTHOR}}', author).replaceAll('{{DATE}}', date).replaceAll('{{FOLDER}}', folder);
  for (const f of ['slides.md', 'index.html']) writeFileSync(join(target, f), fill(readFileSync(join(target, f), 'utf8')));
  log(`Created ${shown}/`);
  log(`  slides.md   your talk (Markdown): every slide shows one feature, with instructions in its notes`);
  log(`  assets/     your images`);
  log('');
  log('Next:');
  log('  npm start                                   the home page lists your talk; saving reloads it');
  log('  npm run check                               names any mistake with file and line');
  log(`  npm run pdf -- ${folder}`);
  log(`  npm run build:file -- ${folder}`);
  return 0;
}

if (process.argv[1]?.endsWith('new-talk.ts')) process.exit(newTalk(process.argv.slice(2)));
