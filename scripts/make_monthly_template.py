"""Build the monthly work report's default Word template, federation/data/monthly_report_template.docx.

    .venv/bin/python scripts/make_monthly_template.py

The template is docxtpl's (Jinja placeholders in the text: ``{{ title }}``, ``{%tr for f in figures %}``
in table rows, ``{%p if ... %}`` around paragraphs); the names it may use are ``federation.monthly.VARIABLES``.
An office downloads it from the report centre, changes the wording, letterhead and layout in Word or
WPS and uploads it again; this script only makes the starting point, reproducibly.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parents[1] / "federation" / "data" / "monthly_report_template.docx"
# The CJK faces scripts/system_deps.sh installs (fonts-noto-cjk); Word or WPS on an office PC
# substitutes its own Chinese font when they are missing.
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
RED = RGBColor(0xC0, 0x00, 0x00)


def set_fonts(style, latin, east_asian, size=None, bold=None):
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold


def paragraph(doc, text="", style=None, align=None, size=None, bold=None, color=None, space_after=None):
    p = doc.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def table(doc, headers, cells, loop, widths):
    """A table with a header row, one templated row repeated by ``loop`` (docxtpl's {%tr %})."""
    t = doc.add_table(rows=3, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
            run.font.size = Pt(9)
    # docxtpl: a row holding only {%tr for ... %} opens the loop, one holding {%tr endfor %} closes it.
    t.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(t.rows[2].cells, cells, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(9)  # on the run: LibreOffice and WPS ignore a table style's font
    t.add_row().cells[0].text = "{%tr endfor %}"
    t.autofit = False
    # Word reads the cells' widths, LibreOffice and WPS the grid's: set both.
    for column, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width * 567)))  # twentieths of a point per cm
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return t


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)

    set_fonts(doc.styles["Normal"], "Times New Roman", SERIF, size=12)
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 13)):
        set_fonts(doc.styles[name], "Arial", SANS, size=size, bold=True)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(doc.styles["Table Grid"], "Times New Roman", SANS, size=9)

    # The letterhead: the office replaces it with its own in Word.
    paragraph(
        doc, "{{ city }}工商业联合会", align=WD_ALIGN_PARAGRAPH.CENTER, size=26, bold=True, color=RED, space_after=0
    )
    rule = paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    border = rule._p.get_or_add_pPr().makeelement(qn("w:pBdr"), {})
    bottom = border.makeelement(
        qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18", qn("w:space"): "1", qn("w:color"): "C00000"}
    )
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)

    doc.add_paragraph("{{ title }}", style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(
        doc,
        "统计期间：{{ period }}　　范围：{{ district }}　　数据读取时间：{{ read_at }}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=10.5,
        space_after=12,
    )

    doc.add_paragraph("一、本月工作概况", style="Heading 1")
    paragraph(
        doc,
        "{{ period }}，全市工商联系统围绕服务民营经济高质量发展，扎实开展企业走访、诉求办理、政策推送、"
        "法律服务和商会建设等工作。本月各项工作数据及与上月（{{ previous_period }}）、"
        "去年同月（{{ last_year_period }}）的比较如下。",
    )

    doc.add_paragraph("二、各项工作数据", style="Heading 1")
    table(
        doc,
        ["指标", "本月", "上月", "环比", "去年同月", "同比"],
        [
            "{{ f.label }}",
            "{{ f.value }} {{ f.unit }}",
            "{{ f.previous }}",
            "{{ f.vs_previous }}",
            "{{ f.last_year }}",
            "{{ f.vs_last_year }}",
        ],
        "for f in figures",
        [4.4, 2.2, 1.6, 3.0, 1.6, 3.0],
    )

    doc.add_paragraph("三、图表", style="Heading 1")
    paragraph(doc, "{{ charts.trend }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(doc, "图1　近十二个月主要工作数量", align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    paragraph(doc, "{{ charts.compare }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(doc, "图2　本月与上月、去年同月比较", align=WD_ALIGN_PARAGRAPH.CENTER, size=10)

    doc.add_paragraph("四、专项行动进展", style="Heading 1")
    paragraph(doc, "{%p if sections.campaigns %}")
    paragraph(doc, "{%p for f in sections.campaigns %}")
    paragraph(doc, "{{ f.label }}：{{ f.value }} {{ f.unit }}（上月 {{ f.previous }}，环比 {{ f.vs_previous }}）。")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p else %}")
    paragraph(doc, "本月没有进行中的专项行动。")
    paragraph(doc, "{%p endif %}")

    doc.add_paragraph("五、典型村级项目", style="Heading 1")
    paragraph(doc, "{%p if sections.villages %}")
    paragraph(doc, "{%p for f in sections.villages %}")
    paragraph(doc, "{{ f.label }}：{{ f.value }} {{ f.unit }}（上月 {{ f.previous }}，同比 {{ f.vs_last_year }}）。")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p else %}")
    paragraph(doc, "本月暂无典型村级项目数据。")
    paragraph(doc, "{%p endif %}")

    doc.add_paragraph("六、下月工作打算", style="Heading 1")
    paragraph(doc, "（请在此处填写下月工作打算。）")

    paragraph(doc, "{%p if changes %}")
    doc.add_paragraph("附：与上一版本相比的变化", style="Heading 2")
    paragraph(doc, "{%p for c in changes %}")
    paragraph(doc, "{{ c.label }}：由 {{ c.before }} 变为 {{ c.after }} {{ c.unit }}。")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "附件：本月台账（另见同名 Excel 文件）", size=10.5)
    footer = section.footer.paragraphs[0]
    footer.text = "本报告由工商联综合服务平台根据 {{ read_at }} 读取的数据生成"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    TARGET.parent.mkdir(parents=True, exist_ok=True)
    doc.save(TARGET)
    print(f"written {TARGET}")


if __name__ == "__main__":
    main()
