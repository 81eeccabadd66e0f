"""The 政府信息公开工作年度报告: format data, statistics, rules, narrative drafts, export."""
