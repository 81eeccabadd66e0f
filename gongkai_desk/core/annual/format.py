"""The 2021 national annual-report format (国办公开办函〔2021〕30号) as data.

Labels are verbatim from ``annual_report_format.md`` §9; keys are the app's cell keys
("table2.<row>.<col>", "table3.<row>.<col>", "table4.<group>.<col>") shared with the CLI JSON.
Exporters and the UI lay the tables out from these structures, so a label lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_ID = "gov_annual_2021"
FORMAT_DOC_NO = "国办公开办函〔2021〕30号"
FORMAT_TITLE = "中华人民共和国政府信息公开工作年度报告格式"


@dataclass(frozen=True)
class Col:
    """A keyed label: a value column or a data row."""

    key: str
    label: str


@dataclass(frozen=True)
class ReportSection:
    """One of the report's six parts."""

    no: str  # "一"
    label: str  # "一、总体情况"
    kind: str  # "text", "table2", "table3", "table4"
    subtopics: tuple[str, ...] = ()


SECTIONS: tuple[ReportSection, ...] = (
    ReportSection(
        "一",
        "一、总体情况",
        "text",
        ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"),
    ),
    ReportSection("二", "二、主动公开政府信息情况", "table2"),
    ReportSection("三", "三、收到和处理政府信息公开申请情况", "table3"),
    ReportSection("四", "四、政府信息公开行政复议、行政诉讼情况", "table4"),
    ReportSection("五", "五、存在的主要问题及改进情况", "text"),
    ReportSection("六", "六、其他需要报告的事项", "text"),
)
TEXT_SECTIONS: tuple[str, ...] = tuple(s.no for s in SECTIONS if s.kind == "text")
# The optional opening paragraph before 一 (legal basis, period, where to get the report, contact).
OPENING = "引言"
# Every text the report holds, in the order it prints: the opening, then 一 … 六 (二、三、四's
# texts are optional notes printed above their tables).
TEXT_KEYS: tuple[str, ...] = (OPENING,) + tuple(s.no for s in SECTIONS)


def section(no: str) -> ReportSection:
    """Return the section numbered ``no`` ("一" … "六")."""
    for s in SECTIONS:
        if s.no == no:
            return s
    raise KeyError(no)


# ---------------------------------------------------------------- table 二
@dataclass(frozen=True)
class T2Block:
    """A block of table 二: caption row, header row (信息内容 + columns), data rows."""

    caption: str
    columns: tuple[Col, ...]  # one column means it is merged across grid columns 2–4
    rows: tuple[Col, ...]
    decimal: bool = False


T2_FIRST_HEADER = "信息内容"
T2_GRID_COLUMNS = 4
_DECISIONS = (Col("decisions", "本年处理决定数量"),)
T2_BLOCKS: tuple[T2Block, ...] = (
    T2Block(
        "第二十条第（一）项",
        (Col("made", "本年制发件数"), Col("repealed", "本年废止件数"), Col("valid", "现行有效件数")),
        (Col("regulations", "规章"), Col("normative_docs", "行政规范性文件")),
    ),
    T2Block("第二十条第（五）项", _DECISIONS, (Col("licensing", "行政许可"),)),
    T2Block(
        "第二十条第（六）项",
        _DECISIONS,
        (Col("punishment", "行政处罚"), Col("coercion", "行政强制")),
    ),
    T2Block(
        "第二十条第（八）项",
        (Col("fee_amount", "本年收费金额（单位：万元）"),),
        (Col("admin_fees", "行政事业性收费"),),
        decimal=True,
    ),
)

# ---------------------------------------------------------------- table 三
T3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMN_GROUP = "申请人情况"
T3_ORG_GROUP = "法人或其他组织"
T3_COLUMNS: tuple[Col, ...] = (
    Col("natural", "自然人"),
    Col("commercial", "商业企业"),
    Col("research", "科研机构"),
    Col("social", "社会公益组织"),
    Col("legal_service", "法律服务机构"),
    Col("other_org", "其他"),
    Col("total", "总计"),
)
T3_ORG_KEYS: tuple[str, ...] = ("commercial", "research", "social", "legal_service", "other_org")
T3_PART_KEYS: tuple[str, ...] = ("natural",) + T3_ORG_KEYS  # the columns 总计 sums


@dataclass(frozen=True)
class T3Row:
    """A data row of table 三 with the merged label cells to its left.

    ``group1`` is the level-1 label merged down beside its rows (三、本年度办理结果), ``group2`` the
    level-2 one (（三）不予公开 …). A row without groups spans all three label columns; a row with
    only ``group1`` spans label columns 2–3.
    """

    key: str
    label: str
    group1: str | None = None
    group2: str | None = None


_R = "三、本年度办理结果"
_D = "（三）不予公开"
_U = "（四）无法提供"
_N = "（五）不予处理"
_O = "（六）其他处理"
T3_ROWS: tuple[T3Row, ...] = (
    T3Row("new_received", "一、本年新收政府信息公开申请数量"),
    T3Row("carried_over", "二、上年结转政府信息公开申请数量"),
    T3Row("granted", "（一）予以公开", _R),
    T3Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _R),
    T3Row("denied_state_secret", "1.属于国家秘密", _R, _D),
    T3Row("denied_law_forbidden", "2.其他法律行政法规禁止公开", _R, _D),
    T3Row("denied_three_safety", "3.危及“三安全一稳定”", _R, _D),
    T3Row("denied_third_party", "4.保护第三方合法权益", _R, _D),
    T3Row("denied_internal_affairs", "5.属于三类内部事务信息", _R, _D),
    T3Row("denied_process_info", "6.属于四类过程性信息", _R, _D),
    T3Row("denied_enforcement_file", "7.属于行政执法案卷", _R, _D),
    T3Row("denied_admin_query", "8.属于行政查询事项", _R, _D),
    T3Row("unable_not_held", "1.本机关不掌握相关政府信息", _R, _U),
    T3Row("unable_needs_creation", "2.没有现成信息需要另行制作", _R, _U),
    T3Row("unable_unclear", "3.补正后申请内容仍不明确", _R, _U),
    T3Row("np_petition", "1.信访举报投诉类申请", _R, _N),
    T3Row("np_repeat", "2.重复申请", _R, _N),
    T3Row("np_publication", "3.要求提供公开出版物", _R, _N),
    T3Row("np_massive", "4.无正当理由大量反复申请", _R, _N),
    T3Row("np_confirm", "5.要求行政机关确认或重新出具已获取信息", _R, _N),
    T3Row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _R,
        _O,
    ),
    T3Row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _R,
        _O,
    ),
    T3Row("other_other", "3.其他", _R, _O),
    T3Row("results_total", "（七）总计", _R),
    T3Row("carried_forward", "四、结转下年度继续办理"),
)
# The leaf result rows whose sum is （七）总计 (T3-RESULTSUM).
T3_RESULT_LEAVES: tuple[str, ...] = tuple(
    r.key for r in T3_ROWS if r.group1 == _R and r.key != "results_total"
)
T3_HEADER_ROWS = 3
T3_LABEL_COLUMNS = 3

# ---------------------------------------------------------------- table 四
T4_COLUMNS: tuple[Col, ...] = (
    Col("upheld", "结果维持"),
    Col("corrected", "结果纠正"),
    Col("other", "其他结果"),
    Col("pending", "尚未审结"),
    Col("total", "总计"),
)
T4_PART_KEYS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
T4_REVIEW = "行政复议"
T4_SUIT = "行政诉讼"


@dataclass(frozen=True)
class T4Group:
    """A five-column group of table 四; ``parent`` is 行政诉讼 for the two suit groups."""

    key: str
    label: str
    parent: str | None = None


T4_GROUPS: tuple[T4Group, ...] = (
    T4Group("review", T4_REVIEW),
    T4Group("suit_direct", "未经复议直接起诉", T4_SUIT),
    T4Group("suit_after_review", "复议后起诉", T4_SUIT),
)

# ---------------------------------------------------------------- cell keys
FEE_KEY = "table2.admin_fees.fee_amount"


def table2_keys() -> list[str]:
    """Return table 二's value cell keys in reading order."""
    return [
        f"table2.{r.key}.{c.key}" for b in T2_BLOCKS for r in b.rows for c in b.columns
    ]


def table3_keys() -> list[str]:
    """Return table 三's value cell keys, row by row."""
    return [f"table3.{r.key}.{c.key}" for r in T3_ROWS for c in T3_COLUMNS]


def table4_keys() -> list[str]:
    """Return table 四's value cell keys, group by group."""
    return [f"table4.{g.key}.{c.key}" for g in T4_GROUPS for c in T4_COLUMNS]


def all_cell_keys() -> list[str]:
    """Return every value cell key of the three tables (10 + 175 + 15)."""
    return table2_keys() + table3_keys() + table4_keys()


ALL_KEYS: tuple[str, ...] = tuple(all_cell_keys())
KEY_SET: frozenset[str] = frozenset(ALL_KEYS)


def is_decimal(key: str) -> bool:
    """Return whether the cell holds an amount (万元, decimals kept as written) rather than a count."""
    return key == FEE_KEY


_T2_ROW = {r.key: r.label for b in T2_BLOCKS for r in b.rows}
_T2_COL = {c.key: c.label for b in T2_BLOCKS for c in b.columns}
_T3_ROW = {r.key: r.label for r in T3_ROWS}
_T3_COL = {c.key: c.label for c in T3_COLUMNS}
_T4_GROUP = {g.key: g.label for g in T4_GROUPS}
_T4_COL = {c.key: c.label for c in T4_COLUMNS}


def row_label(table: str, row: str) -> str:
    """Return the printed label of a data row (table 四: the group)."""
    return {"table2": _T2_ROW, "table3": _T3_ROW, "table4": _T4_GROUP}[table][row]


def short_row_label(table: str, row: str) -> str:
    """Return a row label short enough for a sentence, with its group where it is ambiguous."""
    if table == "table3":
        r = next(x for x in T3_ROWS if x.key == row)
        label = r.label.split("（区分处理")[0]
        if r.group1 is None:  # 一、本年新收… → 本年新收… (the form's own words, as reviewers cite them)
            label = label.split("、", 1)[1]
        return f"{r.group2}{label}" if r.group2 else label
    if table == "table4":
        g = next(x for x in T4_GROUPS if x.key == row)
        return f"{g.parent}·{g.label}" if g.parent else g.label
    return _T2_ROW[row]


def cell_label(key: str) -> str:
    """Return a Chinese name for a cell, e.g. 表三“（一）予以公开”行“自然人”列."""
    table, row, col = key.split(".")
    if table == "table2":
        return f"表二“{_T2_ROW[row]}”行“{_T2_COL[col]}”"
    if table == "table3":
        return f"表三“{short_row_label('table3', row)}”行“{_T3_COL[col]}”列"
    return f"表四“{short_row_label('table4', row)}”“{_T4_COL[col]}”"
