// What a unit's analysis read beyond its own text, recorded while the rules walk it (the per-unit
// findings cache in engine.ts keys a unit on what was recorded here, not on what rules are known to do).
//
// Recorded:
// - every node of this file handed to the type checker the rules and the analysis helpers use
//   (context.checker, Analysis.checker), and every declaration in this file that the checker hands
//   back (a symbol's declarations, a signature's declaration, a type's symbol's declarations): the
//   unit holding it is read. A rule that reaches another unit's body through the checker (the
//   callee's declaration, then its body) depends on that unit's text. Every call is recorded, so
//   the checker's own caching hides nothing;
// - any use of this file's line map (getLineAndCharacterOfPosition, getPositionOfLineAndCharacter,
//   getLineStarts, getLineEndOfPosition on the SourceFile, and the compiler's functions that read its
//   line starts): the findings may name lines, and are valid only where the unit and the units it
//   read were.
// - a scan of the whole file by an analysis helper, which it memoises: the helper calls noteFileFact
//   (before its memo, so every reader of the memoised result records it) with a function that lists
//   what the scan finds; the unit is reused only while that list is the same (nodes told by their
//   unit and their offset in it). noteFileScan, for a scan without such a list, makes the unit
//   depend on every unit's text.
// - a top-level class handed to or back from the checker (a type whose symbol is the class, `this`,
//   also inside a union): the class is read as a whole; engine.ts keeps the unit while the class's
//   shapes (unitShapes.ts) are the same;
// - an import's name handed back (an alias's declaration): what it binds (unitShapes.ts,
//   importBinding), not the rest of the import line.
// Not recorded (a rule must declare it with RuleContext.dependsOnOtherUnits): a rule's own walks of
// the syntax tree beyond its unit (a scan of the file, the callers of a function), and results it
// memoises across units from such a walk. Also not recorded: the checker calls of helpers that take
// the program's own checker (blockingReach.ts notes a project-wide read, which engine.ts turns into
// a read of every unit; callGraph.ts's summaries are not used by rules), and a memoised
// answer reused by a later unit without asking the checker again (engine.ts keys units on the
// shapes of the units they reach by name as well, for that).
import { ts } from './compiler';
import { importBinding } from './unitShapes';

/** The recorder of the file being analysed, while its rules run. */
let active: UnitReads | undefined;

/** Called by an analysis helper that reads the whole of `sourceFile` (and memoises what it found). */
export function noteFileScan(sourceFile: ts.SourceFile): void {
  active?.noteFileScan(sourceFile);
}

/** What a scan of the whole file finds: nodes, each with a label (how it was found). */
export type FileFact = (sourceFile: ts.SourceFile, checker: ts.TypeChecker) => Iterable<[ts.Node, string]>;

const facts = new Map<string, FileFact>();

/**
 * Called by an analysis helper whose answer depends on a scan of the whole of `sourceFile`:
 * `name` identifies the scan, `fact` lists what it finds (called again to check a cached unit).
 */
export function noteFileFact(sourceFile: ts.SourceFile, name: string, fact: FileFact): void {
  facts.set(name, fact);
  active?.noteFact(sourceFile, name);
}

export class UnitReads {
  /** Start, end and index of each cached unit, in document order. */
  private readonly ranges: { start: number; end: number; index: number }[] = [];
  private current: Set<number> | undefined;
  /** Import bindings the walk in progress read (an import specifier handed back by the checker): the name, not the whole import line. */
  private currentBindings = new Set<string>();
  /** The import binding a node of an import's names stands for (undefined: none, read the unit), as found the first time. */
  private readonly bindingOfNode = new WeakMap<ts.Node, string | null>();
  private currentFacts = new Set<string>();
  private lines = false;
  /** Inside a call to the checker: its own use of the line map (a line break before `=>`) names no line in a finding. */
  private inChecker = 0;
  private readonly digests = new Map<string, string>();
  /** The cached unit holding a node (-1: none, or another file), as found the first time. */
  private readonly unitOfNode = new WeakMap<ts.Node, number>();

  /** Top-level class declarations (the 'always' units holding their shell), by node: the class read as a whole. */
  private readonly classes = new Map<ts.Node, number>();

  /**
   * `ids`: for each unit (by index), a name that does not depend on where the unit is (engine.ts:
   * its text and occurrence), used in the digests of file scans so that inserting a unit elsewhere
   * leaves them unchanged.
   */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    units: readonly { node: ts.Node; cached: boolean }[],
    private readonly ids: readonly string[] = [],
  ) {
    units.forEach((unit, index) => {
      if (unit.cached) this.ranges.push({ start: unit.node.pos, end: unit.node.end, index });
      else if (ts.isClassDeclaration(unit.node)) this.classes.set(unit.node, index);
    });
  }

  /** Makes this the recorder noteFileScan reports to, until the returned function is called. */
  activate(): () => void {
    const previous = active;
    active = this;
    return () => {
      active = previous;
    };
  }

  noteFact(sourceFile: ts.SourceFile, name: string): void {
    if (this.current && sourceFile === this.sourceFile) this.currentFacts.add(name);
  }

  /** What the scan `name` finds in this file now, as text that does not depend on where the units are. */
  digest(name: string, checker: ts.TypeChecker): string | undefined {
    const fact = facts.get(name);
    if (!fact) return undefined;
    let digest = this.digests.get(name);
    if (digest === undefined) {
      const recording = this.current;
      this.current = undefined; // the scan's own checker calls are not a unit's reads
      try {
        const items: string[] = [];
        for (const [node, label] of fact(this.sourceFile, checker)) {
          if (node.getSourceFile() !== this.sourceFile) continue;
          const index = this.unitAt(node.pos);
          items.push(index === undefined ? `@${node.pos}:${node.end}:${label}` : `${this.ids[index] ?? index}+${node.pos - this.ranges.find((range) => range.index === index)!.start}:${node.end - node.pos}:${label}`);
        }
        digest = items.sort().join('\u0001');
      } finally {
        this.current = recording;
      }
      this.digests.set(name, digest);
    }
    return digest;
  }

  noteFileScan(sourceFile: ts.SourceFile): void {
    if (!this.current || sourceFile !== this.sourceFile) return;
    for (const { index } of this.ranges) this.current.add(index);
    for (const index of this.classes.values()) this.current.add(index);
  }

  /** Starts recording for one walk; `stop` returns what was read. */
  start(): void {
    this.current = new Set();
    this.currentBindings = new Set();
    this.currentFacts = new Set();
    this.lines = false;
  }

  stop(): { units: Set<number>; bindings: Set<string>; facts: Set<string>; lines: boolean } {
    const result = { units: this.current ?? new Set<number>(), bindings: this.currentBindings, facts: this.currentFacts, lines: this.lines };
    this.current = undefined;
    this.currentBindings = new Set();
    this.currentFacts = new Set();
    this.lines = false;
    return result;
  }

  /** Notes that the walk in progress read `node` (and so the unit holding it). */
  noteNode(node: ts.Node): void {
    if (!this.current) return;
    let binding = this.bindingOfNode.get(node);
    if (binding === undefined) {
      // An import's name (the specifier, or its name identifier): what it binds, whatever else the line imports.
      const named = ts.isIdentifier(node) && node.parent ? node.parent : node;
      binding = node.getSourceFile() === this.sourceFile ? (importBinding(named) ?? null) : null;
      this.bindingOfNode.set(node, binding);
    }
    if (binding !== null) {
      this.currentBindings.add(binding);
      return;
    }
    let index = this.unitOfNode.get(node);
    if (index === undefined) {
      // A top-level class itself (its type, its symbol): the 'always' unit of its shell stands for the whole class.
      index = node.getSourceFile() === this.sourceFile ? (this.unitAt(node.pos) ?? this.classes.get(node) ?? -1) : -1;
      this.unitOfNode.set(node, index);
    }
    if (index >= 0) this.current.add(index);
  }

  noteLines(): void {
    if (this.current) this.lines = true;
  }

  /** The index of the cached unit holding `position` (units are in document order and do not overlap). */
  private unitAt(position: number): number | undefined {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const { start, end, index } = this.ranges[middle];
      if (position < start) high = middle - 1;
      else if (position >= end) low = middle + 1;
      else return index;
    }
    return undefined;
  }

  /** The checker, with every node passed in and every declaration handed back noted. */
  recordingChecker(checker: ts.TypeChecker): ts.TypeChecker {
    const wrapped = new Map<PropertyKey, unknown>();
    return new Proxy(checker, {
      get: (target, property) => {
        const value = (target as unknown as Record<PropertyKey, unknown>)[property as string];
        if (typeof value !== 'function') return value;
        let wrapper = wrapped.get(property);
        if (!wrapper) {
          const method = value as (...args: unknown[]) => unknown;
          wrapper = (...args: unknown[]): unknown => {
            if (this.current) for (const argument of args) this.noteValue(argument, 0);
            this.inChecker++;
            let result: unknown;
            try {
              result = method.apply(target, args);
            } finally {
              this.inChecker--;
            }
            if (this.current) this.noteValue(result, 0);
            return result;
          };
          wrapped.set(property, wrapper);
        }
        return wrapper;
      },
    });
  }

  /** Notes the nodes behind a checker argument or result: nodes, symbols, signatures, types, arrays of them. */
  private noteValue(value: unknown, depth: number): void {
    if (!value || typeof value !== 'object' || depth > 2) return;
    if (Array.isArray(value)) {
      for (const item of value) this.noteValue(item, depth + 1);
      return;
    }
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.kind === 'number' && typeof candidate.pos === 'number' && typeof candidate.getSourceFile === 'function') {
      this.noteNode(value as ts.Node);
      return;
    }
    if (typeof candidate.escapedName === 'string' && typeof candidate.flags === 'number') {
      this.noteSymbol(value as ts.Symbol);
      return;
    }
    if ('declaration' in candidate && typeof candidate.getParameters === 'function') {
      const declaration = (value as ts.Signature).declaration;
      if (declaration && typeof (declaration as ts.Node).kind === 'number') this.noteNode(declaration as ts.Node);
      return;
    }
    if (typeof candidate.getSymbol === 'function' && typeof candidate.flags === 'number') {
      const type = value as ts.Type;
      if (type.symbol) this.noteSymbol(type.symbol);
      if (type.aliasSymbol) this.noteSymbol(type.aliasSymbol);
      // `this | undefined`, `A & B`: their parts (a class among them is read as a whole).
      if (type.isUnionOrIntersection()) this.noteValue(type.types, depth + 1);
    }
  }

  private noteSymbol(symbol: ts.Symbol): void {
    for (const declaration of symbol.declarations ?? []) this.noteNode(declaration);
    if (symbol.valueDeclaration) this.noteNode(symbol.valueDeclaration);
  }

  /** Notes every use of the file's line map until the returned function is called. */
  watchLines(): () => void {
    const file = this.sourceFile as unknown as Record<string, unknown>;
    const names = ['getLineAndCharacterOfPosition', 'getPositionOfLineAndCharacter', 'getLineStarts', 'getLineEndOfPosition'];
    const before = new Map<string, PropertyDescriptor | undefined>();
    for (const name of names) {
      const original = file[name];
      if (typeof original !== 'function') continue;
      before.set(name, Object.getOwnPropertyDescriptor(file, name));
      file[name] = (...args: unknown[]): unknown => {
        this.noteLines();
        return (original as (...a: unknown[]) => unknown).apply(this.sourceFile, args);
      };
    }
    // The compiler's own line functions (ts.getLineAndCharacterOfPosition(file, position)) read the
    // file's line starts from `lineMap` (computed on first use): noted too, except inside the checker.
    let lineMap = file.lineMap;
    Object.defineProperty(file, 'lineMap', {
      configurable: true,
      enumerable: true,
      get: () => {
        if (this.inChecker === 0) this.noteLines();
        return lineMap;
      },
      set: (value: unknown) => {
        lineMap = value;
      },
    });
    return () => {
      for (const [name, descriptor] of before) {
        if (descriptor) Object.defineProperty(file, name, descriptor);
        else delete file[name];
      }
      delete file.lineMap;
      if (lineMap !== undefined) file.lineMap = lineMap;
    };
  }
}
