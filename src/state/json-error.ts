// Where JSON text stops being JSON. JSON.parse's messages differ between Node versions and some carry
// no position at all ("Unexpected token 'x', "…" is not valid JSON"), so after a failed parse this
// scanner finds the first bad character itself and says what it expected there.

export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  /** "expected ',' or '}'", "unexpected end of input" */
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING_CHARS = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i] ?? "")) this.i++;
  }

  private fail(expected: string): never {
    if (this.i >= this.s.length) throw new Stop(this.i, `unexpected end of input, expected ${expected}`);
    throw new Stop(this.i, `expected ${expected}, found ${JSON.stringify(this.s[this.i])}`);
  }

  document(): void {
    this.value();
    this.ws();
    if (this.i < this.s.length) this.fail("end of input after the JSON value");
  }

  private value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.container("}", true);
    if (c === "[") return this.container("]", false);
    if (c === '"') return this.string();
    for (const lit of ["true", "false", "null"]) {
      if (this.s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return;
      }
    }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(this.s)) {
      this.i = NUMBER.lastIndex;
      return;
    }
    this.fail("a value");
  }

  private container(close: string, isObject: boolean): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail("a double-quoted property name");
        this.string();
        this.ws();
        if (this.s[this.i] !== ":") this.fail("':' after the property name");
        this.i++;
      }
      this.value();
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === close) {
        this.i++;
        return;
      }
      this.fail(`',' or '${close}'`);
    }
  }

  private string(): void {
    this.i++;
    STRING_CHARS.lastIndex = this.i;
    STRING_CHARS.test(this.s);
    this.i = STRING_CHARS.lastIndex;
    if (this.s[this.i] === '"') {
      this.i++;
      return;
    }
    this.fail("the end of the string (a control character or bad escape inside it?)");
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, ...lineAndColumn(text, e.offset), problem: e.problem };
    // Nesting too deep for recursion: report it at the start rather than not at all.
    return { offset: 0, line: 1, column: 1, problem: "nested too deeply to locate the error" };
  }
}
