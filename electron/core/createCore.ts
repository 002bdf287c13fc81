import { createAgentsPart } from './agents/createAgentsPart';
import { createAuditPart } from './audit/createAuditPart';
import { createBackupPart } from './backup/createBackupPart';
import { keyAuditLog } from './audit/keyAuditLog';
import type { Core, CoreServices } from './Core';
import { createGatewayPart } from './gateway/createGatewayPart';
import { createDiagnosticsPart } from './diagnostics/createDiagnosticsPart';
import { createLibraryPart } from './library/createLibraryPart';
import { createLspPart } from './lsp/createLspPart';
import { createLivingLibraryPart } from './library/living/createLivingLibraryPart';
import { createPartContext } from './lifecycle/createPartContext';
import { mergeHandlers } from './lifecycle/mergeHandlers';
import { stopParts } from './lifecycle/stopParts';
import type { Platform } from './platform';
import { createRpcPart } from './rpc/createRpcPart';
import { createRuntimePart } from './runtime/createRuntimePart';
import { createSecretsPart } from './secrets/createSecretsPart';
import { createSessionsPart } from './sessions/createSessionsPart';
import { createSettingsPart } from './settings/createSettingsPart';
import { createStagingPart } from './staging/createStagingPart';
import { createStoragePart } from './storage/createStoragePart';
import { createSupervisorPart } from './supervisor/createSupervisorPart';
import { createTelemetryPart } from './telemetry/createTelemetryPart';

export type { Core, CoreServices } from './Core';

/** Builds the core for a shell. */
export async function createCore(platform: Platform): Promise<Core> {
  return (await assembleCore(platform)).core;
}

/**
 * Builds every part in dependency order; each registers its own disposal, so the core stops in reverse order by
 * itself. A new service is one `create<Name>Part` and one line here. Tests and benchmarks also get `services`.
 */
export async function assembleCore(platform: Platform): Promise<{ core: Core; services: CoreServices }> {
  const ctx = await createPartContext(platform);
  try {
    const settings = await createSettingsPart(ctx);
    const audit = await createAuditPart(ctx);
    const secrets = await createSecretsPart(ctx, settings.services);
    await keyAuditLog(ctx, { ...audit.services, ...secrets.services });
    const staging = await createStagingPart(ctx);
    const supervisor = await createSupervisorPart(ctx);
    const telemetry = createTelemetryPart(ctx, { ...settings.services, ...supervisor.services });
    const diagnostics = createDiagnosticsPart(ctx, { ...supervisor.services, ...secrets.services });
    const foundation = { ...settings.services, ...secrets.services, ...staging.services, ...supervisor.services };
    const runtime = await createRuntimePart(ctx, foundation);
    const storage = createStoragePart(ctx, foundation);
    const deps = { ...foundation, ...audit.services, ...storage.services, runtime: runtime.services };
    const library = createLibraryPart(ctx, deps);
    const living = createLivingLibraryPart(ctx, { ...deps, library: library.services });
    const lsp = createLspPart(ctx, { ...deps, library: library.services });
    const agents = createAgentsPart(ctx, { ...deps, library: library.services, code: lsp.services.code });
    const backup = await createBackupPart(ctx, { ...deps, library: library.services, ...living.services });
    const sessions = createSessionsPart(ctx);
    const gateway = await createGatewayPart(ctx, audit.services);
    const parts = [
      settings,
      audit,
      secrets,
      staging,
      supervisor,
      telemetry,
      diagnostics,
      runtime,
      storage,
      library,
      living,
      lsp,
      agents,
      backup,
      sessions,
      gateway,
    ];
    const rpc = createRpcPart(ctx, mergeHandlers(parts), audit.services);

    ctx.logger.info({ mode: platform.mode, dataDir: ctx.paths.root, version: platform.appVersion }, 'core started');
    const services: CoreServices = {
      dispatcher: rpc.dispatcher,
      events: ctx.events,
      ...foundation,
      ...audit.services,
      ...diagnostics.services,
      ...telemetry.services,
      modelCatalog: runtime.services.modelCatalog,
      runtime: runtime.services.runtime,
      ...storage.services,
      libraryCatalog: library.services.libraryCatalog,
      library: library.services.library,
      ...living.services,
      ...lsp.services,
      ...agents.services,
      apiKeys: gateway.services.apiKeys,
      backups: backup.services.backups,
    };
    const core: Core = {
      paths: ctx.paths,
      logger: ctx.logger,
      events: ctx.events,
      settings: settings.services.settings,
      staging: staging.services.staging,
      library: {
        ingest: (...args) => library.services.library.ingest(...args),
        getDocument: (id) => library.services.libraryCatalog.getDocument(id),
        openOriginal: (...args) => library.services.library.openOriginal(...args),
      },
      createSession: rpc.createSession,
      signOut: sessions.services.browserSignOut,
      gateway: gateway.services.gateway,
      dispose: () => stopParts(ctx, 'core stopped'),
    };
    return { core, services };
  } catch (error) {
    ctx.logger.error({ err: error }, 'core failed to start');
    await stopParts(ctx, 'parts built before the failure stopped');
    throw error;
  }
}
