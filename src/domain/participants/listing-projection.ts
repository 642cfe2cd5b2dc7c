import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The transfers and unfunded-mentor lists' projections (README "Reads at scale"): `participant_transfer_views`
 * and `unfunded_mentor_views`, one row per (lead provider, participant) the list shows, holding what the list
 * filters, sorts and shows. Why projections and not a query over training periods: both sets are derived per
 * provider from whole training histories (pairing leaving and joining periods; an ECT's mentor who does not train
 * with the provider), so a query would evaluate every participant of the provider before its offset, and its cost
 * would grow with the page number. With a row per shown resource, a page is one index range on
 * (lead provider, order column, participant id) at any page number, and the rows are the response.
 *
 * `refreshParticipantProjection` calls `refreshListingProjections` with its own scope after it has re-projected
 * `participant_provider_views` (the unfunded-mentor rule reads it), so every write path that changes training
 * periods, records, partnerships or participants keeps these lists too, in the same transaction. Rows whose shown
 * values changed (or that are new) are marked `pending_stamp`; `stampWrite` stamps them with the write's
 * commit-ordered `updated_at` as its last step. The seed (no scope) marks nothing: new rows keep their sources'
 * latest `updated_at`.
 *
 * What moves `updated_at` (truthful: it moves when anything shown changes, and only then):
 * - transfers: any change to a shown transfer (a leaving or joining period's dates, school, provider, a new or
 *   removed transfer), and, with no write, the instant a transfer's `status` turns `complete` (read-time rule);
 * - unfunded mentors: entering the provider's list, and any change to the mentor's name, TRN or email.
 * School URN changes and lead provider renames have no write path yet; when they get one it must refresh the
 * participants training there (as partnership writes do).
 */
export interface ScopeSql {
  /** A statement selecting `participant_id`s. */
  sql: string;
  params: unknown[];
}

interface PeriodRow {
  participantId: string;
  participantCreatedAt: Date;
  recordId: string;
  schoolId: string;
  schoolUrn: string;
  leadProviderId: string | null;
  provider: string | null;
  inductionStatus: string;
  schoolTransfer: boolean;
  startsAt: Date;
  endsAt: Date | null;
  startDate: string;
  endDate: string | null;
  createdAt: string;
  updatedAt: Date;
}

/** One side of a transfer as stored (and shown). */
export interface TransferSideRow {
  schoolUrn: string;
  provider: string | null;
  date: string | null;
}

/** One transfer as stored; `status` is derived at read from `flipAt`. */
export interface TransferRow {
  trainingRecordId: string;
  transferType: 'new_school' | 'new_provider' | 'unknown';
  createdAt: string;
  /** When the transfer becomes `complete`: the later of the leaving end and the joining start (null: never dated). */
  flipAt: string | null;
  leaving: TransferSideRow;
  joining: TransferSideRow | null;
}

interface FreshTransferView {
  lead_provider_id: string;
  participant_id: string;
  participant_created_at: string;
  transfers: TransferRow[];
  flip_ats: string[];
  last_flip_at: string | null;
  updated_at: string;
}

const side = (p: PeriodRow, date: string | null): TransferSideRow => ({ schoolUrn: p.schoolUrn, provider: p.provider, date });

/**
 * The transfers of one training record (ecf.md §8.3), periods in `created_at` order: for each `leaving` period,
 * the joining period is the next unused later one that is not `leaving`, at another school and marked as a school
 * transfer. Returns each transfer with the providers that see it: both sides' providers for a complete pair, the
 * leaving provider for a leaving-only one.
 */
function recordTransfers(periods: PeriodRow[]): { transfer: TransferRow; seenBy: string[]; start: number; updatedAt: number }[] {
  const used = new Set<number>();
  const out: { transfer: TransferRow; seenBy: string[]; start: number; updatedAt: number }[] = [];
  periods.forEach((leaving, i) => {
    if (leaving.inductionStatus !== 'leaving') return;
    const j = periods.findIndex((p, k) => k > i && !used.has(k) && p.inductionStatus !== 'leaving' && p.schoolId !== leaving.schoolId && p.schoolTransfer);
    const joining = j >= 0 ? periods[j] : null;
    if (joining) used.add(j);
    const flips = [leaving.endsAt, joining?.startsAt].filter((d): d is Date => d != null).map((d) => d.getTime());
    const transferType = !joining
      ? 'unknown'
      : leaving.leadProviderId && joining.leadProviderId && leaving.leadProviderId !== joining.leadProviderId
        ? 'new_provider'
        : 'new_school';
    const seenBy = [leaving.leadProviderId, joining?.leadProviderId].filter((id): id is string => id != null);
    out.push({
      transfer: {
        trainingRecordId: leaving.recordId,
        transferType,
        createdAt: leaving.createdAt,
        flipAt: flips.length ? new Date(Math.max(...flips)).toISOString() : null,
        leaving: side(leaving, leaving.endDate),
        joining: joining ? side(joining, joining.startDate) : null,
      },
      seenBy: [...new Set(seenBy)],
      start: leaving.startsAt.getTime(),
      updatedAt: Math.max(leaving.updatedAt.getTime(), joining?.updatedAt.getTime() ?? 0),
    });
  });
  return out;
}

/** Builds the transfer rows of the fetched periods: one per (provider, participant) that sees at least one transfer. */
function transferViews(periods: PeriodRow[]): FreshTransferView[] {
  const byRecord = new Map<string, PeriodRow[]>();
  for (const p of periods) byRecord.set(p.recordId, [...(byRecord.get(p.recordId) ?? []), p]);
  const views = new Map<string, { row: PeriodRow; items: ReturnType<typeof recordTransfers> }>();
  for (const rows of byRecord.values()) {
    for (const t of recordTransfers(rows)) {
      for (const lp of t.seenBy) {
        const key = `${lp}:${rows[0].participantId}`;
        const view = views.get(key) ?? { row: rows[0], items: [] };
        view.items.push(t);
        views.set(key, view);
      }
    }
  }
  return [...views].map(([key, { row, items }]) => {
    // ECT and mentor transfers merged, by the leaving period's start, then its creation (rect.md §3.8).
    items.sort(
      (a, b) =>
        a.start - b.start || a.transfer.createdAt.localeCompare(b.transfer.createdAt) || a.transfer.trainingRecordId.localeCompare(b.transfer.trainingRecordId),
    );
    const flips = items
      .map((t) => t.transfer.flipAt)
      .filter((f): f is string => f !== null)
      .sort();
    return {
      lead_provider_id: key.slice(0, key.indexOf(':')),
      participant_id: row.participantId,
      participant_created_at: row.participantCreatedAt.toISOString(),
      transfers: items.map((t) => t.transfer),
      flip_ats: flips,
      last_flip_at: flips.at(-1) ?? null,
      updated_at: new Date(Math.max(...items.map((t) => t.updatedAt))).toISOString(),
    };
  });
}

async function refreshTransferViews(em: EntityManager, scope: ScopeSql, pending: boolean): Promise<void> {
  const periods = await em.execute<PeriodRow[]>(
    `with scope as (${scope.sql})
     select tr.participant_id as "participantId", pa.created_at as "participantCreatedAt", tr.id as "recordId", tp.school_id as "schoolId",
            s.urn as "schoolUrn", pt.lead_provider_id as "leadProviderId", lp.name as "provider", tp.induction_status as "inductionStatus",
            tp.school_transfer as "schoolTransfer", tp.start_date as "startsAt", tp.end_date as "endsAt",
            to_char(tp.start_date at time zone 'UTC', 'YYYY-MM-DD') as "startDate", to_char(tp.end_date at time zone 'UTC', 'YYYY-MM-DD') as "endDate",
            to_char(tp.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt", tp.updated_at as "updatedAt"
       from training_records tr
       join participants pa on pa.id = tr.participant_id
       join training_periods tp on tp.training_record_id = tr.id
       join schools s on s.id = tp.school_id
       left join partnerships pt on pt.id = tp.partnership_id
       left join lead_providers lp on lp.id = pt.lead_provider_id
      where tr.participant_id in (select participant_id from scope)
        and exists (select 1 from training_periods l where l.training_record_id = tr.id and l.induction_status = 'leaving')
      order by tr.id, tp.created_at, tp.start_date, tp.id`,
    scope.params,
  );
  const fresh = transferViews(
    periods.map((p) => ({
      ...p,
      participantCreatedAt: new Date(p.participantCreatedAt),
      startsAt: new Date(p.startsAt),
      endsAt: p.endsAt && new Date(p.endsAt),
      updatedAt: new Date(p.updatedAt),
    })),
  );
  await em.execute(
    `with scope as (${scope.sql}),
     fresh as (
       select * from jsonb_to_recordset(?::jsonb) as f(lead_provider_id uuid, participant_id uuid, participant_created_at timestamptz, transfers jsonb,
                                                      flip_ats timestamptz[], last_flip_at timestamptz, updated_at timestamptz)
     ),
     gone as (
       delete from participant_transfer_views v
        where v.participant_id in (select participant_id from scope)
          and (v.lead_provider_id, v.participant_id) not in (select f.lead_provider_id, f.participant_id from fresh f)
     )
     insert into participant_transfer_views as v (id, lead_provider_id, participant_id, participant_created_at, transfers, flip_ats, last_flip_at, pending_stamp, updated_at)
     select gen_random_uuid(), lead_provider_id, participant_id, participant_created_at, transfers, flip_ats, last_flip_at, ?::boolean, updated_at from fresh
     on conflict (lead_provider_id, participant_id) do update
        set (participant_created_at, transfers, flip_ats, last_flip_at, pending_stamp) =
            (excluded.participant_created_at, excluded.transfers, excluded.flip_ats, excluded.last_flip_at, excluded.pending_stamp or v.pending_stamp)
      where (v.participant_created_at, v.transfers, v.flip_ats) is distinct from (excluded.participant_created_at, excluded.transfers, excluded.flip_ats)`,
    [...scope.params, JSON.stringify(fresh), pending],
  );
}

/**
 * Unfunded mentors (ecf.md §1.7, §8.2) of the mentors the scope can affect: the scope's participants themselves
 * (their own training, name, TRN or email changed) and every mentor named on one of their training periods (an
 * ECT's training changed: a change closes a period and opens a new one, ecf.md §3.8, so an earlier mentor is
 * still named on the closed period). A mentor is unfunded for provider X when the period X sees of one of X's
 * ECTs names them and X sees no mentor training of their own (`participant_provider_views.mentor_period_id`).
 * Email: of the mentor's own latest mentor period (any provider), else the participant's.
 */
async function refreshUnfundedMentorViews(em: EntityManager, scope: ScopeSql, unscoped: boolean): Promise<void> {
  // Unscoped (the seed), every mentor is a candidate: no filter, which also spares the planner a join on a CTE it
  // cannot estimate (a nested loop over every participant pair at production volume).
  const inCand = (column: string) => (unscoped ? 'true' : `${column} in (select participant_id from cand)`);
  await em.execute(
    `with scope as (${scope.sql}),
     cand as (
       select participant_id from scope
       union
       select mr.participant_id from training_periods tp
         join training_records tr on tr.id = tp.training_record_id
         join training_records mr on mr.id = tp.mentor_training_record_id
        where tr.participant_id in (select participant_id from scope)
     ),
     links as (
       select distinct v.lead_provider_id, mr.participant_id
         from training_records mr
         join training_periods tp on tp.mentor_training_record_id = mr.id
         join training_records er on er.id = tp.training_record_id
         join participant_provider_views v on v.participant_id = er.participant_id and v.ect_period_id = tp.id
        where ${inCand('mr.participant_id')}
     ),
     fresh as (
       select l.lead_provider_id, l.participant_id, pa.created_at as participant_created_at, pa.full_name, pa.trn, pa.updated_at,
              coalesce((select tp.email from training_records r join training_periods tp on tp.training_record_id = r.id
                         where r.participant_id = pa.id and r.participant_type = 'mentor'
                         order by (tp.end_date is null) desc, tp.start_date desc, tp.created_at desc, tp.id desc limit 1), pa.email) as email
         from links l join participants pa on pa.id = l.participant_id
        where not exists (select 1 from participant_provider_views w
                           where w.lead_provider_id = l.lead_provider_id and w.participant_id = l.participant_id and w.mentor_period_id is not null)
     ),
     gone as (
       delete from unfunded_mentor_views u
        where ${inCand('u.participant_id')}
          and (u.lead_provider_id, u.participant_id) not in (select f.lead_provider_id, f.participant_id from fresh f)
     )
     insert into unfunded_mentor_views as u (id, lead_provider_id, participant_id, participant_created_at, full_name, email, trn, pending_stamp, updated_at)
     select gen_random_uuid(), lead_provider_id, participant_id, participant_created_at, full_name, email, trn, ?::boolean, updated_at from fresh
     on conflict (lead_provider_id, participant_id) do update
        set (participant_created_at, full_name, email, trn, pending_stamp) =
            (excluded.participant_created_at, excluded.full_name, excluded.email, excluded.trn, excluded.pending_stamp or u.pending_stamp)
      where (u.participant_created_at, u.full_name, u.email, u.trn) is distinct from (excluded.participant_created_at, excluded.full_name, excluded.email, excluded.trn)`,
    [...scope.params, !unscoped],
  );
}

/** Refreshes both projections for the participants `scope` selects; `unscoped` is the seed (nothing to stamp). */
export async function refreshListingProjections(em: EntityManager, scope: ScopeSql, unscoped: boolean): Promise<void> {
  await refreshTransferViews(em, scope, !unscoped);
  await refreshUnfundedMentorViews(em, scope, unscoped);
}
