"""Replace one '## ' section of a Markdown report in place (or insert it before '## Training runs'), leaving the rest
as it is, so a benchmark that measures one thing rewrites only its own figures."""
import os


def replace_section(report, title, section):
    text = open(report).read() if os.path.exists(report) else "# Language models: measured figures\n\n"
    start = text.find(title)
    if start >= 0:
        end = text.find("\n## ", start + 3)
        text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
    else:
        at = text.find("## Training runs")
        text = text[:at] + section + "\n" + text[at:] if at >= 0 else text + "\n" + section
    tmp = report + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, report)
