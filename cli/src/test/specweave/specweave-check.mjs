// Runs SpecWeave's own code (the pinned npm `specweave`) on files this tool reads and writes, and
// prints what SpecWeave concluded as one line "RESULT <json>"; the Java tests assert on it.
// Usage: node specweave-check.mjs <specweave package dir> <check> <args...>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, check, ...args] = process.argv.slice(2);
const load = (relative) => import(pathToFileURL(join(packageDir, 'dist', 'src', relative)).href);
const { silentLogger } = await load('utils/logger.js');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf-8'));

const checks = {
  // profiles <config.json>...: ProfileManager.validateProfile on every profile under sync.profiles
  async profiles(files) {
    const { ProfileManager } = await load('core/sync/profile-manager.js');
    const manager = new ProfileManager(process.cwd());
    return files.flatMap((file) => Object.entries(readJson(file).sync?.profiles ?? {}).map(([name, profile]) => {
      const { valid, errors } = manager.validateProfile(profile);
      return { file, profile: name, valid, errors };
    }));
  },
  // config <project>: SpecWeave's ConfigManager reads and validates the project's config.json;
  // a file it cannot read at all gives { read: false, error } instead
  async config([root]) {
    const { ConfigManager } = await load('core/config/config-manager.js');
    const manager = new ConfigManager(root, silentLogger);
    let config;
    try {
      config = manager.readSync();
    } catch (error) {
      return { read: false, error: error.message };
    }
    const { valid, errors } = manager.validate(config);
    return { read: true, valid, errors, deployment: config.deployment ?? null };
  },
  // metadata <project> <increment>...: the metadata manager's schema check, then its read and write
  async metadata([root, ...ids]) {
    const { MetadataManager } = await load('core/increment/metadata-manager.js');
    MetadataManager.setLogger(silentLogger);
    return ids.map((id) => {
      const file = join(root, '.specweave', 'increments', id, 'metadata.json');
      const before = readJson(file);
      const { corrected, warnings } = MetadataManager.validateMetadataSchema(structuredClone(before), id);
      const metadata = MetadataManager.read(id, root);
      MetadataManager.write(id, { ...metadata, lastActivity: new Date().toISOString() }, root);
      const after = readJson(file);
      return { id, corrected, warnings, before: before.deployments ?? null, after: after.deployments ?? null,
        status: after.status, type: after.type };
    });
  },
  // active <project>: the ids SpecWeave's MetadataManager.getActive finds (a stale state file it rewrites)
  async active([root]) {
    process.chdir(root);
    const { MetadataManager } = await load('core/increment/metadata-manager.js');
    MetadataManager.setLogger(silentLogger);
    return MetadataManager.getActive().map((metadata) => metadata.id).sort();
  },
  // numbers <project>: the increment numbers SpecWeave's IncrementNumberManager counts (increments/ and its lifecycle folders)
  async numbers([root]) {
    const { IncrementNumberManager } = await load('core/increment/increment-utils.js');
    return [...IncrementNumberManager.getAllIncrementNumbers(join(root, '.specweave', 'increments'))].sort((a, b) => a - b);
  },
  // status <project> <increment> <status>: MetadataManager.updateStatus, which also rewrites spec.md's front matter
  async status([root, id, status]) {
    const { MetadataManager } = await load('core/increment/metadata-manager.js');
    MetadataManager.setLogger(silentLogger);
    return MetadataManager.updateStatus(id, status, 'interop check', root).status;
  },
  // resolve <project> <increment>...: the profile SpecWeave's own sync of each increment goes to
  async resolve([root, ...ids]) {
    const { ExternalToolResolver } = await load('core/sync/external-tool-resolver.js');
    const resolver = new ExternalToolResolver(root, { logger: silentLogger });
    const results = [];
    for (const id of ids) {
      const resolution = await resolver.resolveForIncrement(id);
      results.push({ id, profileId: resolution.syncTarget?.profileId ?? null, path: resolution.resolutionPath });
    }
    return results;
  },
};

if (!checks[check]) {
  console.error(`unknown check "${check}"; expected one of ${Object.keys(checks).join(', ')}`);
  process.exit(2);
}
const result = await checks[check](args);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
