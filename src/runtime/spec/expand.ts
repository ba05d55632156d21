// Kubernetes' `$(VAR)` expansion, a line-by-line port of
// k8s.io/kubernetes third_party/forked/golang/expansion/expand.go:
//  - `$(NAME)` is replaced by the mapping's value; an unknown NAME stays verbatim as `$(NAME)`;
//  - `$$` is an escaped `$` (so `$$(NAME)` yields the literal `$(NAME)`);
//  - `$` followed by anything else, an unterminated `$(`, and a trailing `$` stay as they are.
// The Go original works on bytes; this works on UTF-16 code units, which differs only for a `$`
// directly followed by a non-ASCII character (Go mangles it; here it stays as written).

export type Mapping = (name: string) => string;

/** The mapping Kubernetes uses: the first context that defines the name wins. */
export function mappingFor(...contexts: readonly ReadonlyMap<string, string>[]): Mapping {
  return (name) => {
    for (const vars of contexts) {
      const v = vars.get(name);
      if (v !== undefined) return v;
    }
    return `$(${name})`;
  };
}

export function expand(input: string, mapping: Mapping): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === "$" && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const { read, isVar, advance } = tryReadVariableName(input.slice(cursor + 1));
      out += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}

function tryReadVariableName(input: string): { read: string; isVar: boolean; advance: number } {
  switch (input[0]) {
    case "$":
      return { read: "$", isVar: false, advance: 1 };
    case "(": {
      const close = input.indexOf(")", 1);
      if (close >= 1) return { read: input.slice(1, close), isVar: true, advance: close + 1 };
      return { read: "$(", isVar: false, advance: 1 };
    }
    default:
      return { read: `$${input[0] ?? ""}`, isVar: false, advance: 1 };
  }
}
