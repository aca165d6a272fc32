/**
 * What the components package exports, read with the TypeScript checker straight from
 * components/index.ts, independently of the SDK's analyzer: every exported ComponentResource class
 * (through any base class), its `args` properties with optionality and JSDoc, and its public
 * properties. The schema test checks the analyzer's schema against this list, so a component or an
 * argument the analyzer skipped, or one without documentation, is caught.
 */
import * as path from "node:path";
import ts from "typescript";

export interface SurfaceProperty {
  readonly name: string;
  readonly optional: boolean;
  readonly doc: string;
}

export interface ComponentSurface {
  readonly name: string;
  readonly doc: string;
  readonly args: readonly SurfaceProperty[];
  readonly outputs: readonly SurfaceProperty[];
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

function extendsComponentResource(type: ts.Type, checker: ts.TypeChecker): boolean {
  const bases = type.isClassOrInterface() ? checker.getBaseTypes(type) : [];
  return bases.some(
    (base) => base.getSymbol()?.getName() === "ComponentResource" || extendsComponentResource(base, checker),
  );
}

/** Reads one entry of the package (index.ts or plugin.ts) with the package's own tsconfig. */
export function readComponentSurface(componentsDir: string, entryFile = "index.ts"): ComponentSurface[] {
  const configPath = path.join(componentsDir, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, componentsDir);
  const entry = path.join(componentsDir, entryFile);
  const program = ts.createProgram({ rootNames: [entry], options: parsed.options });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`no ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  const surfaces: ComponentSurface[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const alias = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    // `export const { X } = everything` (plugin.ts) names the class through its value's type.
    const symbol = alias.flags & ts.SymbolFlags.Class ? alias : checker.getTypeOfSymbol(alias).getSymbol();
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Class)) continue;
    const declaration = symbol.declarations?.find(ts.isClassDeclaration);
    if (!declaration) continue;
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    if (!extendsComponentResource(instance, checker)) continue;
    const ctor = declaration.members.find(ts.isConstructorDeclaration);
    const argsParam = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === "args");
    const argsType = argsParam ? checker.getTypeAtLocation(argsParam) : undefined;
    const args = (argsType?.getProperties() ?? []).map((p) => ({
      name: p.getName(),
      optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
      doc: docOf(p, checker),
    }));
    // Own public properties only: the SDK's Resource members (urn, ...) are not the component's.
    const outputs = declaration.members
      .filter(ts.isPropertyDeclaration)
      .filter((m) => !m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.PrivateKeyword))
      .map((m) => checker.getSymbolAtLocation(m.name))
      .filter((s): s is ts.Symbol => s !== undefined)
      .map((s) => ({
        name: s.getName(),
        optional: (s.flags & ts.SymbolFlags.Optional) !== 0,
        doc: docOf(s, checker),
      }));
    surfaces.push({ name: symbol.getName(), doc: docOf(symbol, checker), args, outputs });
  }
  return surfaces.sort((a, b) => a.name.localeCompare(b.name));
}
