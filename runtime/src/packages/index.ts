// Packages in the runtime: reading a package from its source, the `_packages` table, ownership of
// metadata, and install/upgrade/uninstall in one transaction (metadata/src/packages holds the pure part).
export { type AvailablePackage, DEFAULT_PACKAGE_ROOTS, listAvailable, type PackageRoots } from './available-packages.ts';
export { loadPackageBundle, type PackageSource, parseSource, sourceFromArgument } from './load-package-bundle.ts';
export { listInstalled, type PackageRow } from './package-store.ts';
export { type AppliedPackage, applyPackage, type PackagePlan, planPackage } from './package-operations.ts';
export { OperationRegistry, type OperationProgress, type OperationTracker } from './operation-progress.ts';
export type { PackageRequest } from './prepare-package-change.ts';
export { refuseOwnedChanges } from './refuse-owned-changes.ts';
export { readFolderFiles } from './read-package-files.ts';
export { bundleFromFiles } from './bundle-from-files.ts';
