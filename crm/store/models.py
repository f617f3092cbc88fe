"""The entities of design.md as Peewee models, bound to one DatabaseProxy."""

from __future__ import annotations

import datetime as dt

import peewee as pw

db = pw.DatabaseProxy()


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False


class ImportBatch(BaseModel):
    file = pw.TextField()
    format = pw.TextField(default="")
    encoding = pw.TextField(default="")
    delimiter = pw.TextField(default="")
    started_at = pw.DateTimeField(default=now)
    rows = pw.IntegerField(default=0)
    created = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    unchanged = pw.IntegerField(default=0)
    skipped = pw.IntegerField(default=0)
    undone = pw.BooleanField(default=False)


class Company(BaseModel):
    name = pw.TextField()
    name_key = pw.TextField(unique=True)  # normalised, case-folded: one company per name
    industry = pw.TextField(default="")
    website = pw.TextField(default="")
    is_target = pw.BooleanField(default=False, index=True)
    priority = pw.IntegerField(default=0)  # 0 none, 1 high, 2 medium, 3 low
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")


class Contact(BaseModel):
    first_name = pw.TextField(default="")
    last_name = pw.TextField(default="")
    name_key = pw.TextField(default="")  # normalised full name (matched in memory: no index)
    email = pw.TextField(default="")
    email_key = pw.TextField(default="")  # indexed where set: see EXTRA_INDEXES
    phone = pw.TextField(default="")
    linkedin_url = pw.TextField(default="")
    url_key = pw.TextField(null=True, unique=True)  # normalised profile URL, NULL when absent
    company = pw.ForeignKeyField(Company, null=True, backref="contacts", on_delete="SET NULL")
    position = pw.TextField(default="")
    connected_on = pw.DateField(null=True)
    source = pw.TextField(default="manual")  # linkedin / spreadsheet / manual / referral
    closeness = pw.IntegerField(default=0)  # 0-3; 3 = can vouch for me
    stage = pw.TextField(default="identified")  # identified / contacted / met / advocate
    next_follow_up = pw.DateField(null=True)
    snoozed_until = pw.DateField(null=True)
    cadence_days = pw.IntegerField(null=True)  # keep-warm cadence, NULL = the default
    tags = pw.TextField(default="")
    notes = pw.TextField(default="")
    search_text = pw.TextField(default="")  # lowercased name, company, position, email, tags
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)
    archived = pw.BooleanField(default=False)
    # not indexed: only an undo reads it, once, and every import paid to build the index
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL", index=False)
    # CRC-32 of the file row this contact was last created or updated from: re-importing that
    # very row is "unchanged" without matching (crm/importers/known.py). NULL is always safe.
    import_digest = pw.IntegerField(null=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Interaction(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="interactions", on_delete="CASCADE")
    kind = pw.TextField()  # meeting / call / email / message / thank_you / other
    date = pw.DateField(index=True)
    minutes = pw.IntegerField(default=0)
    notes = pw.TextField(default="")
    resume_feedback = pw.TextField(default="")
    asked_to_recommend = pw.BooleanField(default=False)
    answer = pw.TextField(default="")  # yes / no / maybe
    why_not = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")


class Referral(BaseModel):
    from_contact = pw.ForeignKeyField(Contact, backref="referrals_out", on_delete="CASCADE")
    to_contact = pw.ForeignKeyField(Contact, backref="referrals_in", on_delete="CASCADE")
    status = pw.TextField(default="named")
    intro_method = pw.TextField(default="")  # call / email / other
    meeting = pw.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    created_on = pw.DateField(default=dt.date.today)
    requested_on = pw.DateField(null=True)
    introduced_on = pw.DateField(null=True)
    met_on = pw.DateField(null=True)
    note = pw.TextField(default="")
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("from_contact", "to_contact"), True),)


class Job(BaseModel):
    company = pw.ForeignKeyField(Company, null=True, backref="jobs", on_delete="SET NULL")
    title = pw.TextField()
    url = pw.TextField(default="")
    status = pw.TextField(default="interested")
    channel = pw.TextField(default="direct")  # referral / direct / recruiter
    referrer = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    perfect_fit = pw.BooleanField(default=False)
    is_target = pw.BooleanField(default=False)
    created_on = pw.DateField(default=dt.date.today)
    applied_on = pw.DateField(null=True)
    interview_on = pw.DateField(null=True)
    closed_on = pw.DateField(null=True)
    notes = pw.TextField(default="")
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")


class Effort(BaseModel):
    date = pw.DateField(index=True)
    category = pw.TextField()  # networking / applying / visibility
    hours = pw.FloatField()
    note = pw.TextField(default="")


class ImportChange(BaseModel):
    """The values an import overwrote, so that undoing the batch can put them back."""

    batch = pw.ForeignKeyField(ImportBatch, backref="changes", on_delete="CASCADE")
    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE")
    field = pw.TextField()
    old_value = pw.TextField(null=True)


class ArchiveFact(BaseModel):
    """A fact of a LinkedIn archive (a recommendation, an endorsement, a company follow, a
    saved job or application) that an import applied, or found already true (no batch).
    Re-importing the export skips what is here, so the user's later edits stay; undoing the
    batch forgets its facts, and deleting the contact forgets the facts about them."""

    kind = (
        pw.TextField()
    )  # recommendation / endorsement / follow / saved_job / application / message
    key = pw.TextField()  # who or what, and when: the same fact in every export of it
    contact = pw.ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="CASCADE")

    class Meta:
        indexes = ((("kind", "key"), True),)


class ContactAlias(BaseModel):
    """An email or a name + company a contact was also known by: what a merged-away
    duplicate brought, so re-importing the file it came from finds the merged contact."""

    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE")
    kind = pw.TextField()  # "email" (an email key) / "name" (name key, NUL, company key)
    key = pw.TextField()

    class Meta:
        indexes = ((("kind", "key"), True),)


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()  # JSON


ALL_MODELS: tuple[type[BaseModel], ...] = (
    ImportBatch,
    Company,
    Contact,
    Interaction,
    Referral,
    Job,
    Effort,
    ImportChange,
    ArchiveFact,
    ContactAlias,
    Setting,
)

KEPT_WARM = "archived = 0 AND (next_follow_up IS NOT NULL OR closeness >= 3 OR stage IN ('met', 'advocate'))"

# Indexes the queries need beyond the ones declared on fields.
EXTRA_INDEXES = (
    "CREATE INDEX IF NOT EXISTS contact_company_id ON contact (company_id)",
    # Only the contacts that have an email: most LinkedIn rows have none, and a bulk import
    # then builds a small index instead of one over 30,000 empty strings.
    "CREATE INDEX IF NOT EXISTS contact_email_key_set ON contact (email_key) WHERE email_key != ''",
    "CREATE INDEX IF NOT EXISTS referral_to_contact_id ON referral (to_contact_id)",
    "CREATE INDEX IF NOT EXISTS interaction_contact_date ON interaction (contact_id, date)",
    "CREATE INDEX IF NOT EXISTS job_company_id ON job (company_id)",
    # The people a follow-up rule can apply to by their own fields (crm.services.followups):
    # a few dozen among 30,000 connections, found without scanning them all. An import's new
    # contacts are none of them, so it costs an import nothing. Queries must repeat the WHERE.
    "CREATE INDEX IF NOT EXISTS contact_kept_warm ON contact (id) WHERE " + KEPT_WARM,
)
