// Packages: the manifest and bundle types, their validation, dependency resolution and the
// three-way merge of an upgrade. Pure; the runtime (runtime/src/packages/) reads and writes.
export * from './package-types.ts';
export { PACKAGE_SCHEMA, PACKAGE_SCHEMA_ID } from './package-schema.ts';
export { validatePackage } from './validate-package.ts';
export { compareVersions, isRange, isVersion, satisfies } from './semver-ranges.ts';
export { type DependencyReport, type DependencyStatus, type InstalledDependencyInfo, resolveDependencies } from './resolve-dependencies.ts';
export { type MergeConflict, type MergeOptions, type MergeOutcome, type MergeResolution, mergePackageUpgrade } from './merge-package-upgrade.ts';
export { toApplicableDef } from './to-applicable-def.ts';
export { type PackageBase, ownershipProblems } from './ownership-problems.ts';
