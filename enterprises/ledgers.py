"""The enterprises app's ledger (企业档案台账): the register in the import template's layout, so an
export can be edited and imported back. One definition for the list's export, the report centre
("企业档案（按期间）") and the monthly report's appendix (``federation.ledgers``)."""

from django.utils.translation import gettext_lazy as _

from federation import exports, masking
from federation.ledgers import Column, Ledger

from . import spreadsheet
from .filters import EnterpriseFilterSet
from .models import Enterprise

# Personal data in the register (DESIGN §7): whole for those who may see it (staff, administrators,
# who alone may export the list), masked for anyone else who gets the ledger.
MASKS = {
    "legal_representative": masking.mask_name,
    "contact_person": masking.mask_name,
    "contact_phone": masking.mask_phone,
}


class EnterpriseLedger(Ledger):
    """企业档案: the import template's columns; rows come from ``spreadsheet.export_rows`` (one
    ``values_list`` streamed from the database, fast at 250,000 rows)."""

    key = "enterprises.enterprises"
    title = _("Enterprise records")
    permission = "enterprises.export_enterprise"
    date_field = "created_at"
    filterset_class = EnterpriseFilterSet
    columns = tuple(
        Column(c.header, c.value_path.replace("__", "."), mask=MASKS.get(c.field)) for c in spreadsheet.COLUMNS
    )

    @property
    def sheet_name(self):
        return spreadsheet.SHEET_NAME  # the import reads this sheet: keep the template's name

    def filename(self):
        return exports.dated_filename(spreadsheet.SHEET_NAME)  # 企业档案-20261201.xlsx, as before

    def get_queryset(self):
        return Enterprise.objects.all()

    def values(self, queryset, context):
        return spreadsheet.export_rows(queryset)


ENTERPRISE_LEDGER = EnterpriseLedger()
