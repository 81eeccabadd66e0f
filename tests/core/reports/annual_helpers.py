"""A report that can be published: the county sample's statistics and texts written the way a
published report reads (figures equal to the tables, the five themes, fees in 六)."""

from __future__ import annotations

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.samples import county_example

OFFICE = "示例县财政局"
LONG_OFFICE = "中共示例市示例区委网络安全和信息化委员会办公室"


def county_texts(year: int, office: str = OFFICE) -> dict[str, str]:
    """Texts of a finished report for ``county_example(year)``."""
    return {
        fmt.OPENING: (
            "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
            f"（国办公开办函〔2021〕30号）要求编制。报告中所列数据的统计期限为{year}年1月1日至{year}年"
            f"12月31日。本报告可在示例县人民政府门户网站查阅。如对本报告有疑问，请与{office}办公室联系"
            "（电话：0123-4567890）。"),
        "一": "\n".join([
            f"{year}年，{office}认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政府信息公开工作。",
            "（一）主动公开",
            "全年制发行政规范性文件5件，废止行政规范性文件2件，现行有效行政规范性文件38件；"
            "公开行政许可决定1562件、行政处罚决定87件、行政强制决定3件。",
            "（二）依申请公开",
            "全年新收政府信息公开申请54件，上年结转4件；办结53件，结转下年度继续办理5件。",
            "（三）政府信息管理",
            "严格执行公开前保密审查，对行政规范性文件开展清理，及时调整公开目录。",
            "（四）政府信息公开平台建设",
            "持续完善门户网站政府信息公开专栏，规范政务新媒体信息发布。",
            "（五）监督保障",
            "全年因政府信息公开工作被申请行政复议4件、被提起行政诉讼3件，未发生责任追究情形。",
        ]),
        "五": "\n".join([
            "本年度存在的主要问题是政策解读形式较为单一，部分栏目更新不够及时。",
            f"改进措施：{year + 1}年将丰富图解、视频等解读形式，建立栏目更新提醒机制，定期开展自查。",
        ]),
        "六": "\n".join([
            "（一）收费情况",
            "本年度行政事业性收费1234.5678万元，均按规定公开收费项目和标准；依据《政府信息公开信息处理费"
            "管理办法》，本年度未收取信息处理费。",
            "（二）落实政务公开工作要点情况",
            "对照年度政务公开工作要点，各项任务均已按期完成。",
        ]),
    }


def make_publishable(ws, year: int = 2023, *, office: str = OFFICE, date: str | None = None):
    """Store the county sample for ``year`` as a finished report; return the workspace."""
    ws.annual.set_stats_cells(year, county_example(year).cells(), label="测试")
    ws.annual.set_report(year, meta={"issuer": office, "report_date": date or f"{year + 1}-01-20"},
                         texts=county_texts(year, office))
    return ws


def finished_drafts(stats, office: str = OFFICE) -> dict[str, str]:
    """The program's drafts for ``stats`` with every 【请补充】 written out, as a clerk finishes them."""
    from gongkai_desk.core.annual import narrative
    from gongkai_desk.core.annual.readiness import PLACEHOLDER_RE
    from gongkai_desk.core.edits.settings import Office

    drafts = narrative.draft_all(stats, issuer=office,
                                 office=Office(name=office, address="示例路1号", phone="0123-4567890"))
    return {k: PLACEHOLDER_RE.sub("按要求扎实做好相关工作", v) for k, v in drafts.items()}


def make_finished(ws, stats, *, office: str = OFFICE, date: str | None = None):
    """Store ``stats`` with finished drafts, office and date: a report that passes every check."""
    year = stats.year
    ws.annual.set_stats_cells(year, stats.cells(), label="测试")
    ws.annual.set_report(year, meta={"issuer": office, "report_date": date or f"{year + 1}-01-20"},
                         texts=finished_drafts(stats, office))
    return ws
