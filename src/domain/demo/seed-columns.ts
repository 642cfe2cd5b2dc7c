/** Column types of the tables the seeds bulk-insert (`jsonb_to_recordset` record definitions). */
export const COLUMNS = {
  cohorts: { id: 'uuid', start_year: 'int', registration_start_date: 'date', academic_year_start_date: 'date', payments_frozen_at: 'timestamptz', mentor_funding: 'boolean', detailed_evidence_types: 'boolean', npq_funding: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  courses: { id: 'uuid', identifier: 'text', name: 'text', programme: 'text', course_group: 'text' },
  schedules: { id: 'uuid', cohort_id: 'uuid', programme: 'text', schedule_identifier: 'text', name: 'text', type: 'text', course_identifiers: 'text[]', created_at: 'timestamptz', updated_at: 'timestamptz' },
  milestones: { id: 'uuid', schedule_id: 'uuid', declaration_type: 'text', name: 'text', start_date: 'date', milestone_date: 'date', payment_date: 'date' },
  lead_providers: { id: 'uuid', name: 'text', programmes: 'text[]', created_at: 'timestamptz', updated_at: 'timestamptz' },
  delivery_partners: { id: 'uuid', name: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  provider_relationships: { id: 'uuid', lead_provider_id: 'uuid', delivery_partner_id: 'uuid', cohort_id: 'uuid', programme: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  schools: { id: 'uuid', urn: 'text', name: 'text', school_type_code: 'int', school_status_code: 'int', administrative_district_code: 'text', section_41_approved: 'boolean', primary_contact_email: 'text', secondary_contact_email: 'text', induction_tutor_name: 'text', induction_tutor_email: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  school_cohorts: { id: 'uuid', school_id: 'uuid', cohort_id: 'uuid', induction_programme_choice: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  partnerships: { id: 'uuid', school_id: 'uuid', lead_provider_id: 'uuid', delivery_partner_id: 'uuid', cohort_id: 'uuid', challenged_at: 'timestamptz', challenge_reason: 'text', challenge_deadline: 'timestamptz', relationship: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz' },
  statements: { id: 'uuid', lead_provider_id: 'uuid', cohort_id: 'uuid', programme: 'text', month: 'int', year: 'int', deadline_date: 'date', payment_date: 'date', output_fee: 'boolean', state: 'text', marked_as_paid_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz' },
} satisfies Record<string, Record<string, string>>;
