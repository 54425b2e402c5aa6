"""Enterprise imports become jobs of the core's import engine (spec "enterprises"): every row of
EnterpriseImport is copied into federation.ImportJob with its id, files and counts (so old links and
stored files stay valid), then the old table is dropped."""

from django.db import migrations

FIELDS = [
    "id",
    "file",
    "original_name",
    "size",
    "status",
    "rows_total",
    "created_count",
    "updated_count",
    "unchanged_count",
    "invalid_count",
    "invalid_preview",
    "invalid_file",
    "error",
    "created_by_id",
    "created_at",
    "checked_at",
    "applied_by_id",
    "applied_at",
]


def _reset_sequence(apps, schema_editor, model):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def forward(apps, schema_editor):
    Old = apps.get_model("enterprises", "EnterpriseImport")
    Job = apps.get_model("federation", "ImportJob")
    jobs = [Job(spec="enterprises", **{f: getattr(old, f) for f in FIELDS}) for old in Old.objects.order_by("pk")]
    Job.objects.bulk_create(jobs, batch_size=500)
    # auto_now_add is ignored by bulk_create only for explicitly given values: set them again to be sure.
    for old in Old.objects.only("pk", "created_at"):
        Job.objects.filter(pk=old.pk).update(created_at=old.created_at)
    _reset_sequence(apps, schema_editor, Job)


def backward(apps, schema_editor):
    Old = apps.get_model("enterprises", "EnterpriseImport")
    Job = apps.get_model("federation", "ImportJob")
    olds = [Old(**{f: getattr(job, f) for f in FIELDS}) for job in Job.objects.filter(spec="enterprises")]
    Old.objects.bulk_create(olds, batch_size=500)
    for job in Job.objects.filter(spec="enterprises").only("pk", "created_at"):
        Old.objects.filter(pk=job.pk).update(created_at=job.created_at)
    Job.objects.filter(spec="enterprises").delete()
    _reset_sequence(apps, schema_editor, Old)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0006_sort_indexes"),
        ("federation", "0005_importjob"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="EnterpriseImport"),
    ]
