/**
 * A small, tolerant BibTeX reader: entries `@type{key, field = value, …}` (or with parentheses), values in
 * braces, quotes, bare numbers or @string macros, joined with `#`; @string definitions are collected and
 * expanded, @comment and @preamble skipped, and text between entries ignored (as BibTeX does).
 *
 * Tolerant means: a malformed entry is reported (with its line) and skipped, and reading resumes at the next
 * `@`; an entry whose braces never close stops at the next line that starts a new entry, so one stray brace
 * costs one entry, not the rest of the file. Never throws; linear time on any input, however hostile (a work
 * budget stops the resumption logic from rescanning the same text over and over).
 *
 * Values are returned raw (LaTeX undecoded, outer delimiters removed); lib/import/latex-decode.ts decodes them.
 */

/** An entry as read: lower-cased type and field names, raw field values. */
export interface BibEntry {
  kind: 'entry';
  /** Position among the file's entries (@string/@comment/@preamble not counted), from 0. */
  index: number;
  /** 1-based line of the entry's `@`. */
  line: number;
  type: string;
  key: string;
  /** Field name (lower-case) → raw value; the first occurrence of a repeated field wins, as in BibTeX. */
  fields: Map<string, string>;
}

/** An entry that could not be read. */
export interface BibError {
  kind: 'error';
  index: number;
  line: number;
  message: string;
}

/** What parseBibtex returns: entries and errors in file order, and whether reading stopped early. */
export interface BibParseResult {
  blocks: (BibEntry | BibError)[];
  /** Set when reading stopped before the end (too many entries, or the work budget ran out). */
  stoppedEarly: string | null;
}

/** Options of parseBibtex. */
export interface BibParseOptions {
  /** Stop after this many entries (stoppedEarly is then set). */
  maxEntries?: number;
}

// BibTeX's predefined month macros.
const MONTHS: ReadonlyMap<string, string> = new Map([
  ['jan', 'January'],
  ['feb', 'February'],
  ['mar', 'March'],
  ['apr', 'April'],
  ['may', 'May'],
  ['jun', 'June'],
  ['jul', 'July'],
  ['aug', 'August'],
  ['sep', 'September'],
  ['oct', 'October'],
  ['nov', 'November'],
  ['dec', 'December'],
]);

const IDENT_START = /[A-Za-z_]/;
// Entry types, field names and macro names: BibTeX allows most printable characters; these cover real files.
const IDENT_CHAR = /[A-Za-z0-9_:.+/'!?*&<>-]/;
const SPACE = /\s/;
// What ends a citation key: BibTeX keys hold almost anything but these.
const KEY_END = /[,\s{}()"=]/;

/** A per-character table for an ASCII class (non-ASCII characters are looked up with the regex itself). */
function asciiTable(pattern: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = pattern.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
}
// The parser's hot loops test one character at a time; tables avoid a regex call per character.
const IS_IDENT_START = asciiTable(IDENT_START);
const IS_IDENT_CHAR = asciiTable(IDENT_CHAR);
const IS_SPACE = asciiTable(SPACE);
const IS_KEY_END = asciiTable(KEY_END);

function inClass(table: Uint8Array, pattern: RegExp, src: string, pos: number): boolean {
  const code = src.charCodeAt(pos);
  if (Number.isNaN(code)) return false;
  return code < 128 ? table[code] === 1 : pattern.test(src[pos]!);
}
// A line that starts a new entry: "@article{" or "@misc (" at the start of a line.
const ENTRY_START = /\n[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/y;

class ParseFailure {
  constructor(
    readonly message: string,
    /** Where to resume reading, when the failure knows better than "just after the @". */
    readonly resumeAt: number | null = null,
  ) {}
}

/** A failure that ends the reading of the whole file (nothing after it can be trusted to be cheap). */
class StopReading extends ParseFailure {}

/** What stoppedEarly starts with when @string macros expanded past MACRO_EXPANSION budget. */
export const MACRO_BOMB = 'macros expand';

/**
 * Characters all @string expansions of a file may produce together: a few times the file, plus 1 MiB. Eager
 * expansion keeps macros from recursing, but not from doubling: "@string{a = a # a}" thirty times turns 600
 * bytes into a billion characters (a "billion laughs" file took the importer out of memory before this cap).
 */
function macroExpansionBudget(fileLength: number): number {
  return 4 * fileLength + (1 << 20);
}

class Reader {
  pos = 0;
  /** Characters examined; bounded to a few times the input so resumption can never go quadratic. */
  work = 0;
  readonly macros = new Map<string, string>(MONTHS);
  /** Characters produced by macro expansion so far, against macroExpansionBudget. */
  expanded = 0;
  private readonly expansionBudget: number;
  private readonly lineStarts: number[] = [0];

  constructor(readonly src: string) {
    this.expansionBudget = macroExpansionBudget(src.length);
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  skipSpace(): void {
    while (inClass(IS_SPACE, SPACE, this.src, this.pos)) this.pos++;
  }

  ident(): string {
    const start = this.pos;
    if (inClass(IS_IDENT_START, IDENT_START, this.src, this.pos)) {
      this.pos++;
      while (inClass(IS_IDENT_CHAR, IDENT_CHAR, this.src, this.pos)) this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  /** Advance over a citation key; returns it. */
  key(): string {
    const start = this.pos;
    while (this.pos < this.src.length && !inClass(IS_KEY_END, KEY_END, this.src, this.pos)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** True when a new entry starts on the line after the newline at `pos`. */
  private entryStartsAt(pos: number): boolean {
    ENTRY_START.lastIndex = pos;
    return ENTRY_START.test(this.src);
  }

  /** A braced or quoted value at pos (on its opening delimiter); returns its content. */
  delimited(): string {
    const src = this.src;
    const quoted = src[this.pos] === '"';
    const start = this.pos + 1;
    let depth = quoted ? 0 : 1;
    for (let i = start; i < src.length; i++) {
      this.work++;
      const ch = src[i];
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (!quoted && depth === 0) {
          this.pos = i + 1;
          return src.slice(start, i);
        }
        if (depth < 0) throw new ParseFailure(`unbalanced "}" on line ${this.lineOf(i)}`);
      } else if (ch === '"' && quoted && depth === 0) {
        this.pos = i + 1;
        return src.slice(start, i);
      } else if (ch === '\n' && this.entryStartsAt(i)) {
        throw new ParseFailure(
          `unclosed ${quoted ? 'quote' : 'brace'}: the value runs into the entry on line ${this.lineOf(i + 1)}`,
          i + 1,
        );
      }
    }
    throw new ParseFailure(
      `unclosed ${quoted ? 'quote' : 'brace'} (the file ends inside this entry)`,
      src.length,
    );
  }

  /** A value: parts joined by '#'. */
  value(): string {
    let out = '';
    for (;;) {
      this.skipSpace();
      const ch = this.src[this.pos];
      if (ch === '{' || ch === '"') {
        out += this.delimited();
      } else if (ch !== undefined && /[0-9]/.test(ch)) {
        const start = this.pos;
        while (this.pos < this.src.length && /[0-9]/.test(this.src[this.pos]!)) this.pos++;
        out += this.src.slice(start, this.pos);
      } else if (ch !== undefined && IDENT_START.test(ch)) {
        // An undefined macro expands to nothing (BibTeX warns and does the same).
        const expansion = this.macros.get(this.ident().toLowerCase()) ?? '';
        this.expanded += expansion.length;
        if (this.expanded > this.expansionBudget) {
          throw new StopReading(
            `${MACRO_BOMB} to more than ${this.expansionBudget} characters by line ${this.lineOf(this.pos)} (a macro that doubles itself?)`,
          );
        }
        out += expansion;
      } else {
        throw new ParseFailure(
          ch === undefined
            ? 'the file ends where a value was expected'
            : `expected a value on line ${this.lineOf(this.pos)}, found "${ch}"`,
        );
      }
      this.skipSpace();
      if (this.src[this.pos] !== '#') return out;
      this.pos++;
    }
  }

  /** Skip a balanced group (for @comment and @preamble); false when it never closes. */
  skipGroup(close: string): boolean {
    const open = close === '}' ? '{' : '(';
    let depth = 0;
    for (let i = this.pos; i < this.src.length; i++) {
      this.work++;
      const ch = this.src[i];
      if (ch === open || (open === '(' && ch === '{')) depth++;
      else if (ch === close || (open === '(' && ch === '}')) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return true;
        }
      }
    }
    return false;
  }
}

/** Read a BibTeX file into entries and errors. Never throws. */
export function parseBibtex(text: string, options: BibParseOptions = {}): BibParseResult {
  const src = typeof text === 'string' ? text : '';
  const maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
  const reader = new Reader(src);
  const budget = 8 * src.length + 100_000;
  const blocks: (BibEntry | BibError)[] = [];
  let entries = 0;
  let stoppedEarly: string | null = null;
  let searchFrom = 0;

  while (searchFrom < src.length) {
    const at = src.indexOf('@', searchFrom);
    if (at === -1) break;
    if (reader.work > budget) {
      stoppedEarly = `stopped at line ${reader.lineOf(at)}: too many malformed entries`;
      break;
    }
    reader.pos = at + 1;
    reader.skipSpace();
    const type = reader.ident().toLowerCase();
    reader.skipSpace();
    const open = src[reader.pos];
    if (type === '' || (open !== '{' && open !== '(')) {
      // An "@" in free text (an e-mail address between entries): not an entry.
      searchFrom = at + 1;
      continue;
    }
    const close = open === '{' ? '}' : ')';

    if (type === 'comment' || type === 'preamble') {
      searchFrom = reader.skipGroup(close) ? reader.pos : at + 1;
      continue;
    }

    if (type !== 'string' && entries >= maxEntries) {
      stoppedEarly = `more than ${maxEntries} entries`;
      break;
    }
    const index = type === 'string' ? -1 : entries++;
    const line = reader.lineOf(at);
    reader.pos++;
    try {
      if (type === 'string') {
        reader.skipSpace();
        const name = reader.ident().toLowerCase();
        reader.skipSpace();
        if (name === '' || src[reader.pos] !== '=') throw new ParseFailure('malformed @string');
        reader.pos++;
        const value = reader.value();
        reader.skipSpace();
        if (src[reader.pos] !== close) throw new ParseFailure('malformed @string');
        reader.pos++;
        reader.macros.set(name, value);
        searchFrom = reader.pos;
        continue;
      }
      blocks.push(readEntry(reader, { index, line, type, close }));
      searchFrom = reader.pos;
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      if (error instanceof StopReading) {
        stoppedEarly = error.message;
        break;
      }
      if (index >= 0) blocks.push({ kind: 'error', index, line, message: error.message });
      // Resume where the failure says (the next entry's line), else just after this "@".
      searchFrom = error.resumeAt !== null && error.resumeAt > at ? error.resumeAt : at + 1;
    }
  }
  return { blocks, stoppedEarly };
}

function readEntry(
  reader: Reader,
  head: { index: number; line: number; type: string; close: string },
): BibEntry {
  const src = reader.src;
  reader.skipSpace();
  // The key runs to the first comma; BibTeX keys may hold almost anything but whitespace and braces.
  const keyStart = reader.pos;
  let key = reader.key();
  reader.skipSpace();
  const fields = new Map<string, string>();
  if (src[reader.pos] === '=') {
    // "@misc{title = …}": no key at all; read the fields from the start.
    reader.pos = keyStart;
    key = '';
  } else if (src[reader.pos] === head.close) {
    reader.pos++;
    return { kind: 'entry', ...head, key, fields };
  } else if (src[reader.pos] === ',') {
    reader.pos++;
  } else {
    throw new ParseFailure(
      reader.pos >= src.length
        ? 'the file ends inside this entry'
        : `expected "," after the key "${key.slice(0, 40)}"`,
      reader.pos >= src.length ? src.length : null,
    );
  }
  for (;;) {
    reader.skipSpace();
    if (src[reader.pos] === head.close) {
      reader.pos++;
      return { kind: 'entry', ...head, key, fields };
    }
    if (reader.pos >= src.length) throw new ParseFailure('the file ends inside this entry', src.length);
    const name = reader.ident().toLowerCase();
    if (name === '') {
      throw new ParseFailure(
        `expected a field name on line ${reader.lineOf(reader.pos)}, found "${src[reader.pos]}"`,
      );
    }
    reader.skipSpace();
    if (src[reader.pos] !== '=') {
      throw new ParseFailure(
        `expected "=" after "${name.slice(0, 40)}" on line ${reader.lineOf(reader.pos)}`,
      );
    }
    reader.pos++;
    const value = reader.value();
    if (!fields.has(name)) fields.set(name, value);
    reader.skipSpace();
    const after = src[reader.pos];
    if (after === ',') reader.pos++;
    else if (after !== head.close) {
      throw new ParseFailure(
        after === undefined
          ? 'the file ends inside this entry'
          : `expected "," or "${head.close}" after the field "${name.slice(0, 40)}" on line ${reader.lineOf(reader.pos)}`,
        after === undefined ? src.length : null,
      );
    }
  }
}
