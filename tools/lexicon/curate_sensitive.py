#!/usr/bin/env python3
"""Curate wordlists/sensitive/*.txt for GOVERNMENT pages (not a chat filter).

A government page legitimately writes 赌博, 毒品, 冰毒, 卖淫嫖娼, 淫秽物品, 法轮功, 台独 — in police
notices, court judgments, anti-drug and anti-cult publicity. So a term is taken from the raw
UGC lists only when it is a SALES or SPAM phrase that no official text would contain: it
carries a contact or shop marker (qq, 微信, 货到付款, 专卖, 代购, 网址, 开户送…), or it is a casino
brand ("…娱乐城"), or it is sovereignty wording that is never correct. Every term kept is
present in a source list (for attribution) except the hand-written political ones.

Usage: curate_sensitive.py --sources lexicon-sources/sensitive --corpus DIR ...
Writes wordlists/sensitive/{gambling,obscene,drugs,violent,ads,political}.txt and
tools/lexicon/sensitive-summary.tsv.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from corpus import read_corpus  # noqa: E402

HOUBB = "houbb/sensitive-word@bac9a301ed0ada86ad2469c0a18f2594eeba15ec (Apache-2.0)"
KONSHENG = "konsheng/Sensitive-lexicon@5a8da94c61c160e203a6b2fcfafbea642404d50c (MIT)"

CONTACT = r"(qq|QQ|微信|货到付款|专卖|网购|代购|联系方式|联系电话|哪里买|哪里有卖|哪里有|怎么买|批发网|官网|网址|开户|送彩金|彩金|注册送|首存)"

# category: (houbb tag, konsheng files, selection regex, extra exclusion regex, severity)
CATEGORIES = {
    "gambling": ("3", ["广告类型.txt", "补充词库.txt"],
                 r"(娱乐城|真人娱乐|博彩网|博彩通|百家乐.*(投注|下注|赌钱|真钱|代理|在线)|(在线|真钱|现金|网上).*(下注|投注|赌钱|赌博机|百家乐)|赌球(网|qq)|6合彩.*(下注|投注|开户)|六合彩.*(下注|投注|开户)|" + CONTACT + r".*赌|赌.*" + CONTACT + ")",
                 r"(兰博|戈博|博客|世博|博弈|淄博|张博|刀|色情|黄站|乱伦|成人)", "veto"),
    "obscene": ("2", ["色情类型.txt", "色情词库.txt"],
                r"(裸聊|一夜情|援交|约炮|做爱|性爱|激情视频|色情(网站|电影|视频|小说)(下载|在线|免费)|成人(电影|视频|网站)(免费|在线|下载)|黄站|乱伦|迷奸)",
                r"(打击|查处|举报|扫黄|严厉|同性|迷奸)", "veto"),
    "drugs": ("1", [],
              r"(冰毒|海洛因|k粉|K粉|摇头丸|麻古|大麻|可卡因|吗啡|杜冷丁|氯胺酮|鸦片|罂粟|迷药|迷幻药|听话水|催情|安眠药|三唑仑|GHB|蒙汗药).*" + CONTACT + "|" + CONTACT + r".*(冰毒|海洛因|k粉|K粉|摇头丸|麻古|大麻|可卡因|杜冷丁|氯胺酮|迷药|迷幻药|听话水|催情|三唑仑|蒙汗药)",
              r"(打击|查处|举报|禁毒|戒毒)", "veto"),
    "violent": ("4", ["涉枪涉爆.txt"],
                r"(枪|弹|雷管|炸药|炸弹|弩|军刺|猎枪|气枪|手枪|步枪|仿真枪|电击器|警棍|管制刀具|匕首).*" + CONTACT + "|" + CONTACT + r".*(枪|弹|雷管|炸药|炸弹|弩|军刺|电击器|警棍|管制刀具|匕首)",
                r"(打击|查处|举报|收缴|上缴)", "veto"),
    "ads": ("4", ["广告类型.txt", "补充词库.txt"],
            r"((代开|办理|出售|代办).*(发票|假证|文凭|学历|证件|驾照|身份证|毕业证).*" + CONTACT + "|" + CONTACT + r".*(发票|假证|文凭|学历|驾照|身份证|毕业证|刻章|信用卡套现|套现)|仿真人民币|高仿真人民币|假币出售|出售假币|信用卡套现|办假证|刻章办证)",
            r"(打击|查处|举报|谨防|警惕|严禁)", "major"),
}

# Sovereignty and 涉台/涉港澳 wording a government page must never use (hand-written; the
# first group is also in the source lists). Note: what to write instead.
POLITICAL = [
    ("台湾总统", "应为“台湾地区领导人”（新华社《新闻信息报道中的禁用词和慎用词》，2016年修订）"),
    ("台湾共和国", "台独分裂用语"),
    ("台湾总统府", "应为“台湾地区领导人办公室”"),
    ("台湾外交部", "应为“台湾地区外事部门”"),
    ("台湾国防部", "应为“台湾地区防务部门”"),
    ("台湾行政院", "应为“台湾地区行政管理机构”"),
    ("台湾立法院", "应为“台湾地区立法机构”"),
    ("中台关系", "应为“两岸关系”"),
    ("中台两国", "应为“海峡两岸”"),
    ("中港关系", "应为“内地与香港关系”"),
    ("港澳台国家", "港澳台不是国家，应为“国家和地区”"),
    ("打倒共产党", "反动口号"),
    ("推翻共产党", "反动口号"),
    ("中共暴政", "反动用语"),
    ("共匪", "反动用语"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", required=True)
    parser.add_argument("--corpus", action="append", required=True)
    args = parser.parse_args()
    corpus = read_corpus(args.corpus)

    tags = collections.defaultdict(set)
    with open(os.path.join(args.sources, "houbb-sensitive-word", "sensitive_word_tags.txt"), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 2:
                tags[parts[0]].update(parts[1].split(","))
    konsheng_dir = os.path.join(args.sources, "konsheng-Sensitive-lexicon", "Vocabulary")

    summary = []
    out_dir = os.path.join(ROOT, "wordlists", "sensitive")
    os.makedirs(out_dir, exist_ok=True)
    taken: set[str] = set()  # a term belongs to one category only (the first that selects it)
    for category, (tag, files, select, exclude, severity) in CATEGORIES.items():
        candidates = {}
        for word, word_tags in tags.items():
            if tag in word_tags:
                candidates.setdefault(word, HOUBB)
        for name in files:
            with open(os.path.join(konsheng_dir, name), encoding="utf-8") as handle:
                for line in handle:
                    candidates.setdefault(line.strip(), KONSHENG)
        kept, reasons = [], collections.Counter()
        for word, source in sorted(candidates.items()):
            if not word or " " in word or len(word) < 3:
                reasons["too_short_or_spaced"] += 1
            elif re.fullmatch(r"[\x00-\x7f]+", word):
                reasons["ascii_only"] += 1
            elif not re.search(select, word, re.IGNORECASE):
                reasons["not_a_spam_or_sales_phrase"] += 1
            elif not re.search(CONTACT, word, re.IGNORECASE) and len(word) < 6:
                # 网上赌钱, 赌球网, 娱乐城, 办假证, 出售假币: police notices and court news use these
                reasons["short_without_contact_marker"] += 1
            elif category == "ads" and not re.search(r"(qq|扣扣|tel|电话|微信|网站|网址|官网)", word, re.IGNORECASE):
                # 办假证公司, 出售假币: anti-fraud notices name these; only contact-bearing spam is safe
                reasons["ads_without_contact"] += 1
            elif len(word) < 4:
                reasons["too_short_or_spaced"] += 1
            elif re.search(exclude, word):
                reasons["could_appear_in_official_text"] += 1
            elif word in corpus:
                reasons["occurs_in_proofread_text"] += 1
            elif word in taken:
                reasons["in_an_earlier_category"] += 1
            else:
                kept.append((word, source))
        kept = drop_contained(kept)
        taken.update(w for w, _ in kept)
        write(os.path.join(out_dir, f"{category}.txt"), category, severity, kept)
        summary.append((category, len(candidates), len(kept), reasons))
    write_political(os.path.join(out_dir, "political.txt"), corpus)
    with open(os.path.join(HERE, "sensitive-summary.tsv"), "w", encoding="utf-8") as out:
        out.write("# category\tcandidates\tkept\tdropped by reason\n")
        for category, total, kept, reasons in summary:
            out.write(f"{category}\t{total}\t{kept}\t" + ", ".join(f"{r}={n}" for r, n in reasons.most_common()) + "\n")
        out.write(f"political\thand-written\t{len(POLITICAL)}\t\n")
    for row in summary:
        print(row[0], row[1], row[2])


def drop_contained(kept):
    """A longer term that contains a kept shorter term adds nothing under leftmost-longest
    matching... except its own label; keep the shorter, more general one."""
    words = {w for w, _ in kept}
    return [(w, s) for w, s in kept if not any(o != w and o in w for o in words)]


def write(path, category, severity, kept):
    sources = sorted({s for _, s in kept})
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# govlint sensitive list: {category} — spam and sales phrases that never belong on a government page\n")
        out.write(f"# severity: {severity}\n")
        for source in sources:
            out.write(f"# source: {source}\n")
        out.write("# license: terms selected from the sources above (Apache-2.0 / MIT); see wordlists/SOURCES.md\n")
        out.write("# Generated by tools/lexicon/curate_sensitive.py: only phrases with a contact/shop marker or a casino brand.\n")
        for word, _ in kept:
            out.write(word + "\n")


def write_political(path, corpus):
    for term, _ in POLITICAL:
        if term in corpus:
            sys.exit(f"political term occurs in proofread text: {term}")
    with open(path, "w", encoding="utf-8") as out:
        out.write("# govlint sensitive list: political — sovereignty and 涉台/涉港澳 wording that is never correct on a government page\n")
        out.write("# severity: veto\n")
        out.write(f"# source: hand-written for govlint (台湾总统, 台湾共和国, 打倒共产党, 推翻共产党, 中共暴政, 共匪 also appear in {KONSHENG})\n")
        out.write("# license: Apache-2.0 (govlint project)\n")
        out.write("# No leaders' names, no ordinary political words: those are normal in official text.\n")
        for term, note in POLITICAL:
            out.write(f"{term}\t{note}\n")


if __name__ == "__main__":
    main()
