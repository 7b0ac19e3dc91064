import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { api, type ApiError, asApiError } from '../../api/api-client';
import { useAuth, type Role } from '../../auth/auth';
import { Field } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { CheckboxGroup, ErrorNote, SelectField, TaxonomyPicker, TextAreaField, useTaxonomy } from './controls';
import { DIMENSIONS, PROFILE_PATH, STAGES, type Profile } from './members-api';
import { completeness, draftToBody, type Draft, type ProfileType } from './members-logic';
import './members.messages';
import { TechnologyOffers } from './technology-offers';
import { ConsentCheckbox, VisibilityConsentPanel } from './visibility-consent';

const TYPE_OF_ROLE: Record<Exclude<Role, 'staff'>, ProfileType> = { company: 'company', investor: 'fund', research_centre: 'research_centre' };
const STEPS = ['basics', 'fields', 'stage', 'review'] as const;
type Step = (typeof STEPS)[number];

const COMPANY_KINDS = ['startup', 'sme', 'corporate'];
const CENTRE_KINDS = ['irccs', 'university', 'research_institute', 'hospital', 'tech_transfer_office'];
const IP_STATUSES = ['none', 'filed', 'granted', 'licensed'];
const LOOKING_FOR = ['investment', 'licensing_in', 'rd_partnership'];

/** The fields of each step, per organisation type (the API's field names). */
const STEP_FIELDS: Record<ProfileType, Record<Exclude<Step, 'review'>, string[]>> = {
  company: {
    basics: ['name', 'kind', 'country', 'city', 'website', 'pitch', 'description'],
    fields: DIMENSIONS,
    stage: ['stage', 'trl', 'fundingSoughtEur', 'ipStatus', 'lookingFor', 'technologyNeeds'],
  },
  fund: {
    basics: ['name', 'manager', 'country', 'website', 'thesis'],
    fields: DIMENSIONS,
    stage: ['stages', 'ticketMinEur', 'ticketMaxEur', 'fundSizeEur', 'geographies', 'leadInvestor', 'active'],
  },
  research_centre: {
    basics: ['name', 'kind', 'country', 'city', 'website', 'description'],
    fields: DIMENSIONS,
    stage: [],
  },
};
const allFields = (type: ProfileType) => [...STEP_FIELDS[type].basics, ...STEP_FIELDS[type].fields, ...STEP_FIELDS[type].stage];

function emptyDraft(type: ProfileType): Draft {
  const draft: Draft = { name: '', country: 'IT', sectors: [], therapeuticAreas: [], modalities: [] };
  if (type === 'company') Object.assign(draft, { kind: 'startup', lookingFor: [] });
  if (type === 'research_centre') draft.kind = 'irccs';
  if (type === 'fund') Object.assign(draft, { stages: [], active: true, leadInvestor: false });
  return draft;
}

function profileToDraft(type: ProfileType, profile: Profile): Draft {
  const draft = emptyDraft(type);
  for (const field of allFields(type)) {
    const value = profile[field];
    if (value === null || value === undefined) continue;
    if (field === 'geographies' && Array.isArray(value)) draft[field] = value.join(', ');
    else if (Array.isArray(value) || typeof value === 'boolean') draft[field] = value as string[] | boolean;
    else draft[field] = String(value);
  }
  return draft;
}

/** The profile wizard: basics → fields → stage, TRL and funding → review; creates or edits the organisation. */
export function ProfilePage() {
  const { t } = useI18n();
  const { me, loading, refresh } = useAuth();
  const type = me && me.role !== 'staff' ? TYPE_OF_ROLE[me.role] : null;
  const [profile, setProfile] = useState<Profile | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [step, setStep] = useState<Step>('basics');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [consent, setConsent] = useState(false);

  const load = useCallback(async () => {
    if (!type || !me) return;
    if (me.organisationId) {
      try {
        const current = await api<Profile>('GET', `${PROFILE_PATH[type]}/${me.organisationId}`);
        setProfile(current);
        setDraft(profileToDraft(type, current));
      } catch (e) {
        setError(asApiError(e));
      }
    } else setDraft(emptyDraft(type));
    setReady(true);
  }, [type, me]);

  useEffect(() => {
    void load();
  }, [load]);

  const meter = useMemo(() => (type ? completeness(type, draft) : { percent: 0, missing: [] }), [type, draft]);

  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (!type) return <Navigate to="/" replace />;
  if (!ready) return <p>{t('common.loading')}</p>;

  const set = (field: string) => (value: Draft[string]) => setDraft((d) => ({ ...d, [field]: value }));
  const text = (field: string) => ({
    value: (draft[field] as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => set(field)(e.target.value),
    errors: error?.forField(field),
  });
  const list = (field: string) => (draft[field] as string[] | undefined) ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!type) return;
    if (step !== 'review') {
      setStep(STEPS[STEPS.indexOf(step) + 1]);
      return;
    }
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      let saved: Profile;
      if (profile) {
        saved = await api<Profile>('PATCH', `${PROFILE_PATH[type]}/${profile.id}`, { ...draftToBody(draft, allFields(type), 'update'), version: profile.version });
        setNotice(t('members.profile.saved'));
      } else {
        saved = await api<Profile>('POST', PROFILE_PATH[type], { ...draftToBody(draft, allFields(type), 'create'), visibilityConsent: consent });
        await refresh();
        setNotice(t('members.profile.created'));
      }
      setProfile(saved);
      setDraft(profileToDraft(type, saved));
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      // Show the first step that holds a field the API refused.
      const failed = (['basics', 'fields', 'stage'] as const).find((s) => STEP_FIELDS[type][s].some((f) => failure.forField(f).length > 0));
      if (failed) setStep(failed);
    } finally {
      setSaving(false);
    }
  }

  const stepIndex = STEPS.indexOf(step);
  const options = (values: string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const fieldLabel = (field: string) => t(`members.field.${field}`);

  return (
    <main>
      <h1>{profile ? t(`members.profile.edit.${type}`) : t(`members.profile.create.${type}`)}</h1>
      <section className="completeness" aria-label={t('members.completeness.label')}>
        <label>
          {t('members.completeness.label')}: <strong>{t('members.completeness.value', { percent: meter.percent })}</strong>{' '}
          <progress max={100} value={meter.percent} aria-label={t('members.completeness.label')}>
            {meter.percent}%
          </progress>
        </label>
        {meter.missing.length > 0 && (
          <p className="muted">
            {t('members.completeness.missing')}: {meter.missing.map(fieldLabel).join(', ')}
          </p>
        )}
      </section>

      <nav aria-label={t('members.wizard.steps')}>
        <ol className="steps">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button type="button" className={s === step ? '' : 'secondary'} aria-current={s === step ? 'step' : undefined} onClick={() => setStep(s)}>
                {i + 1}. {t(`members.step.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      <form onSubmit={submit} noValidate>
        <h2>{t(`members.step.${step}`)}</h2>
        {step === 'basics' && (
          <>
            <Field label={fieldLabel('name')} required {...text('name')} />
            {type !== 'fund' && (
              <SelectField label={fieldLabel('kind')} value={(draft.kind as string) ?? ''} onChange={(e) => set('kind')(e.target.value)} errors={error?.forField('kind')}>
                {(type === 'company' ? COMPANY_KINDS : CENTRE_KINDS).map((k) => (
                  <option key={k} value={k}>
                    {t(`members.kind.${k}`)}
                  </option>
                ))}
              </SelectField>
            )}
            {type === 'fund' && <Field label={fieldLabel('manager')} {...text('manager')} />}
            <Field label={fieldLabel('country')} maxLength={2} hint={t('members.hint.country')} {...text('country')} />
            {type !== 'fund' && <Field label={fieldLabel('city')} {...text('city')} />}
            <Field label={fieldLabel('website')} type="url" placeholder="https://" {...text('website')} />
            {type === 'company' && <TextAreaField label={fieldLabel('pitch')} {...text('pitch')} />}
            {type === 'fund' ? <TextAreaField label={fieldLabel('thesis')} {...text('thesis')} /> : <TextAreaField label={fieldLabel('description')} {...text('description')} />}
          </>
        )}
        {step === 'fields' && <FieldsStep draft={draft} set={set} error={error} />}
        {step === 'stage' && type === 'company' && (
          <>
            <SelectField label={fieldLabel('stage')} value={(draft.stage as string) ?? ''} onChange={(e) => set('stage')(e.target.value)} errors={error?.forField('stage')}>
              <option value="">{t('members.none')}</option>
              {options(STAGES, 'members.stage').map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <SelectField label={fieldLabel('trl')} value={(draft.trl as string) ?? ''} onChange={(e) => set('trl')(e.target.value)} errors={error?.forField('trl')}>
              <option value="">{t('members.none')}</option>
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
                <option key={n} value={String(n)}>
                  TRL {n}
                </option>
              ))}
            </SelectField>
            <Field label={fieldLabel('fundingSoughtEur')} inputMode="numeric" hint={t('members.hint.confidential')} {...text('fundingSoughtEur')} />
            <SelectField label={fieldLabel('ipStatus')} value={(draft.ipStatus as string) ?? ''} onChange={(e) => set('ipStatus')(e.target.value)} errors={error?.forField('ipStatus')}>
              <option value="">{t('members.none')}</option>
              {options(IP_STATUSES, 'members.ip').map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <CheckboxGroup legend={fieldLabel('lookingFor')} options={options(LOOKING_FOR, 'members.lookingFor')} value={list('lookingFor')} onChange={set('lookingFor')} errors={error?.forField('lookingFor')} />
            <TextAreaField label={fieldLabel('technologyNeeds')} {...text('technologyNeeds')} />
          </>
        )}
        {step === 'stage' && type === 'fund' && (
          <>
            <CheckboxGroup legend={fieldLabel('stages')} options={options(STAGES, 'members.stage')} value={list('stages')} onChange={set('stages')} errors={error?.forField('stages')} />
            <Field label={fieldLabel('ticketMinEur')} inputMode="numeric" {...text('ticketMinEur')} />
            <Field label={fieldLabel('ticketMaxEur')} inputMode="numeric" {...text('ticketMaxEur')} />
            <Field label={fieldLabel('fundSizeEur')} inputMode="numeric" {...text('fundSizeEur')} />
            <Field label={fieldLabel('geographies')} hint={t('members.hint.geographies')} {...text('geographies')} />
            <label className="choice">
              <input type="checkbox" checked={draft.leadInvestor === true} onChange={(e) => set('leadInvestor')(e.target.checked)} /> {fieldLabel('leadInvestor')}
            </label>
            <label className="choice">
              <input type="checkbox" checked={draft.active !== false} onChange={(e) => set('active')(e.target.checked)} /> {fieldLabel('active')}
            </label>
          </>
        )}
        {step === 'stage' && type === 'research_centre' && <p>{t('members.profile.centreStage')}</p>}
        {step === 'review' && <Review type={type} draft={draft} />}
        {step === 'review' && !profile && <ConsentCheckbox checked={consent} onChange={setConsent} />}

        {error && error.errors.length === 0 && <ErrorNote error={error} />}
        {error && error.errors.length > 0 && (
          <p role="alert" className="form-error">
            {t('members.profile.fixErrors')}
          </p>
        )}
        {notice && (
          <p role="status" className="notice">
            ✓ {notice}
          </p>
        )}
        <div className="actions">
          {stepIndex > 0 && (
            <button type="button" className="secondary" onClick={() => setStep(STEPS[stepIndex - 1])}>
              {t('members.wizard.back')}
            </button>
          )}
          <button type="submit" disabled={saving}>
            {step !== 'review' ? t('members.wizard.next') : profile ? t('members.profile.saveChanges') : t('members.profile.createButton')}
          </button>
        </div>
      </form>
      {profile && <VisibilityConsentPanel organisationId={profile.id} />}
      {profile && type === 'research_centre' && <TechnologyOffers centreId={profile.id} />}
    </main>
  );
}

function FieldsStep({ draft, set, error }: { draft: Draft; set(field: string): (v: Draft[string]) => void; error: ApiError | null }) {
  const { t } = useI18n();
  const taxonomy = useTaxonomy();
  if (!taxonomy) return <p>{t('common.loading')}</p>;
  return (
    <>
      {DIMENSIONS.map((d) => (
        <TaxonomyPicker key={d} legend={t(`members.field.${d}`)} terms={taxonomy[d]} value={(draft[d] as string[]) ?? []} onChange={set(d)} errors={error?.forField(d)} />
      ))}
    </>
  );
}

function Review({ type, draft }: { type: ProfileType; draft: Draft }) {
  const { t, language } = useI18n();
  const taxonomy = useTaxonomy();
  const show = (field: string): string => {
    const value = draft[field];
    if (typeof value === 'boolean') return value ? t('members.yes') : t('members.no');
    if (Array.isArray(value)) {
      if (value.length === 0) return '—';
      if ((DIMENSIONS as string[]).includes(field)) return value.map((c) => taxonomy?.[field as 'sectors'].find((x) => x.code === c)?.labels[language] ?? c).join(', ');
      const prefix = field === 'stages' ? 'members.stage' : 'members.lookingFor';
      return value.map((v) => t(`${prefix}.${v}`)).join(', ');
    }
    if (!value) return '—';
    if (field === 'stage') return t(`members.stage.${value}`);
    if (field === 'kind') return t(`members.kind.${value}`);
    if (field === 'ipStatus') return t(`members.ip.${value}`);
    return value;
  };
  return (
    <dl className="review">
      {allFields(type).map((field) => (
        <div key={field}>
          <dt>{t(`members.field.${field}`)}</dt>
          <dd>{show(field)}</dd>
        </div>
      ))}
    </dl>
  );
}
