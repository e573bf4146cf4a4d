// Setup → Access: permission sets (object and field grid), org-wide defaults, sharing rules and
// tracked fields. These are security settings, not metadata: the API writes each one directly
// (one transaction with its audit entry), so they save without the metadata plan review.
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { useAccessMessages } from './access-messages.ts';
import { loadAccess } from './access-data.ts';
import { OrgDefaultsSection } from './org-defaults-section.tsx';
import { PermissionSetsSection } from './permission-sets-section.tsx';
import { SharingRulesSection } from './sharing-rules-section.tsx';
import { TrackedFieldsSection } from './tracked-fields-section.tsx';
import { useSecurityApi } from './security-api.ts';
import { useLoaded } from './use-loaded.ts';
import '../setup.css';
import './access.css';

export function AccessPage() {
  const text = useAccessMessages();
  const { metadata } = useSession();
  const securityApi = useSecurityApi();
  const { state, reload } = useLoaded(() => loadAccess(securityApi));
  if (state.status === 'loading' || metadata.status === 'loading') return <p className="muted">{text.loading}</p>;
  if (state.status === 'failed') return <ProblemBanner error={state.error} />;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;
  const { objects } = metadata.metadata;
  const data = state.data;
  return (
    <div className="setup access-page">
      <h2>{text.access}</h2>
      <PermissionSetsSection sets={data.sets} objects={objects} onChanged={reload} />
      <OrgDefaultsSection settings={data.objectAccess} objects={objects} onChanged={reload} />
      <SharingRulesSection rules={data.sharingRules} roles={data.roles} objects={objects} onChanged={reload} />
      <TrackedFieldsSection tracked={data.tracked} objects={objects} onChanged={reload} />
    </div>
  );
}
