#!/usr/bin/env python3
"""Word-level 别字 from the classic character confusions: for each pair of characters that
proofreading handbooks list as confused in print (候/侯, 汛/讯, 辨/辩, 弘/宏 …), every common
word of jieba's dictionary holding the right one, written with the wrong one, is a typo entry
— when that wrong form is no word itself and is unlikely to occur across a word boundary.

Rules, written down (issue 10, item 4):
  * a right word: 2–4 Han characters, jieba frequency >= RIGHT_MIN_FREQ (two characters) or
    RIGHT_MIN_FREQ_LONG (three or four);
  * its wrong form is kept only when jieba has it fewer than WRONG_MAX_FREQ times and at most
    1/RATIO as often as the right word (a form seen 7 times beside 687 is a typo, not a word);
  * a two-character wrong form whose characters often end one word and start the next (the
    boundary risk of curate_typos.py above BOUNDARY_MAX per million words) is left out, and so
    is any wrong form that splits into dictionary words of two or more characters, or that occurs in the
    proofread corpus: there it is correct text across a boundary (平安|照片 holds 安照);
  * a wrong form already listed in typos.tsv keeps its curated entry.

The output replaces the section between MARKER and the next "# ---" line of typos.tsv.
Rerun: python3 -m pip install jieba && python3 tools/lexicon/gen_word_confusions.py \\
         --corpus ../shared/corpus --corpus Tests/Fixtures/clean-corpus
"""
import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import typos_section  # noqa: E402
from corpus import read_corpus  # noqa: E402
from curate_typos import boundary_risk, edge_masses, read_jieba  # noqa: E402

RIGHT_MIN_FREQ = 50        # two-character right words
RIGHT_MIN_FREQ_LONG = 3    # three and four characters: their wrong forms rarely arise by chance
WRONG_MAX_FREQ = 50
RATIO = 50
BOUNDARY_MAX = 0.05
# A longer wrong form whose replaced character is at its edge, the rest a word: the
# character may just begin the next word (开发|布局 holds 开发布, 生产|形势 生产形) unless it
# rarely does (消防拴: 拴 starts 12 words per million).
EDGE_MAX = 100
MARKER = "# --- 常见别字字对生成的词（tools/lexicon/gen_word_confusions.py"

# (right, wrong): characters confused in print, from the classic lists (《咬文嚼字》 annual
# lists of common 别字, 《现代汉语词典》 usage notes, proofreading handbooks). Both directions
# where both characters make common words.
PAIRS = """
候侯 侯候 汛讯 辨辩 辩辨 弘宏 抚扶 赡瞻 慰尉 彰章 掣制 跻挤 档挡 栓拴 胀涨 销消 按安 账帐
须需 需须 竟竞 竞竟 既即 即既 绝决 爆暴 蛰蜇 幅副 副付 纪记 炼练 绩迹 迹绩 肄肆 辍缀 戍戌 冶治
拨拔 拔拨 梁粱 粱梁 泻泄 宣渲 酬筹 刹煞 竣峻 馅陷 篮蓝 座坐 坐座 署暑 暑署 部布 度渡 渡度 帧祯
辑缉 缉辑 偿尝 州洲 洲州 默墨 厉励 励厉 历厉 蔓漫 踏蹋 喧暄 嬉嘻 籁赖 践饯 眩炫 蹈滔 锻段 惯贯
竭歇 纂篡 篡纂 遍编 搏博 膺赝 罄磬 腊蜡 蜡腊 矩距 具俱 俱具 汇会 株珠 妨防 防妨 克刻 刻克 毕必
必毕 题提 提题 型形 形型 象像 像象 做作 作做 待代 代待 赃脏 脏赃 枝技 技枝 检捡 捡检
峰锋 锋峰 哄轰 轰哄 蓬篷 篷蓬 蕴酝 酝蕴 璧壁 壁璧 辟避 避辟 敝弊 弊敝 蔽弊 弊蔽 幕暮 暮幕 慕暮
募幕 墓幕 躁燥 燥躁 噪燥 缈渺 渺缈 蛊盅 盅蛊 盯钉 钉盯 恍晃 晃恍 溶熔 熔溶 融溶 凛凌 骛鹜 鹜骛
誊腾 腾誊 屑宵 宵屑 栗粟 粟栗 膺鹰 偏篇 篇偏 遍篇 详祥 祥详 挖控 控挖 渎牍 牍渎 冒帽 帽冒
""".split()


# Words of their own that jieba has only rarely, like the typos it records: the frequency
# ratio cannot tell them apart (哄然大笑, 州际公路, 熔于一炉, 拱型结构, 雷峰塔, 万事俱备,
# 默不作声, 漫延 in 《现代汉语词典》).
WORDS_OF_THEIR_OWN = {"哄然", "州际", "熔于", "衰歇", "腰布", "拱型", "蓝板", "雷峰", "俱备", "不作声", "漫延"}


def splits_into_words(text: str, words: dict[str, int]) -> bool:
    """True when `text` is a sequence of two or more dictionary words of two or more
    characters (消防 + 拴 is no such split: the wrong character stands alone). The text as one
    dictionary word is the frequency ratio's to judge (jieba's 防讯 3 times against 防汛 232 is
    a typo it recorded, not a word)."""
    ends = {0}
    for end in range(2, len(text) + 1):
        if any(start in ends and text[start:end] in words for start in range(0, end - 1)
               if (start, end) != (0, len(text))):
            ends.add(end)
    return len(text) in ends


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jieba-dict", default=None, help="jieba's dict.txt (default: the installed package's)")
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--typos", default=os.path.join(ROOT, "wordlists", "typos.tsv"))
    args = parser.parse_args()
    if args.jieba_dict is None:
        import jieba  # noqa: F401  (only its dictionary file)
        args.jieba_dict = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")

    words = read_jieba(args.jieba_dict)
    total, start_mass, end_mass = edge_masses(words)
    corpus = read_corpus(args.corpus)

    lines = open(args.typos, encoding="utf-8").read().split("\n")
    # First run: the section goes before the 异形词 section (its severity header would apply).
    begin, end = typos_section.locate(lines, MARKER, "# --- 异形词")
    listed = typos_section.listed_outside(lines, begin, end)
    for other in ("expressions.tsv", "outdated.tsv"):
        for line in open(os.path.join(ROOT, "wordlists", other), encoding="utf-8"):
            if line.strip() and not line.startswith("#") and not line.startswith("re:"):
                listed.add(line.split("\t")[0])

    def han(text: str) -> bool:
        return all("\u4e00" <= c <= "\u9fff" for c in text)

    # jieba lists some misspelled idioms and places (万码奔腾, 严陈以待, 克拉马依): a right word one
    # character away from a protected idiom or place that it is not is none.
    idioms = {line.split("\t")[0].strip() for name in ("idioms.tsv", "places.tsv")
              for line in open(os.path.join(ROOT, "wordlists", "protected", name), encoding="utf-8")
              if not line.startswith("#")}
    idiom_masks = {idiom[:k] + "?" + idiom[k + 1:] for idiom in idioms for k in range(len(idiom))}

    # An AABB word whose doubled character is a confusable of an AABB idiom's (晃晃荡荡 beside
    # 恍恍荡荡): the near-miss rule reports it, so it is no right word here.
    confusable = {}
    for line in open(os.path.join(ROOT, "wordlists", "confusion.tsv"), encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            char, *columns = line.rstrip("\n").split("\t")
            confusable[char] = "".join(c for c in columns if c != "-")

    def near_idiom(word: str) -> bool:
        if word in idioms:
            return False
        if any(word[:k] + "?" + word[k + 1:] in idiom_masks for k in range(len(word))):
            return True
        if not (len(word) == 4 and word[0] == word[1] and word[2] == word[3]):
            return False
        return any(word[:k] + x + x + word[k + 2:] in idioms for k in (0, 2) for x in confusable.get(word[k], ""))

    rows: dict[str, tuple[str, str]] = {}
    dropped = collections.Counter()
    for pair in PAIRS:
        right_char, wrong_char = pair[0], pair[1]
        if right_char == wrong_char:
            continue
        for word, freq in words.items():
            floor = RIGHT_MIN_FREQ if len(word) == 2 else RIGHT_MIN_FREQ_LONG
            if not (2 <= len(word) <= 4) or freq < floor or right_char not in word or not han(word):
                continue
            # jieba lists some non-standard forms (大部份): a right word holding a listed wrong one is none.
            if any(word[i:j] in listed for i in range(len(word)) for j in range(i + 2, len(word) + 1)):
                continue
            if len(word) == 4 and near_idiom(word):
                continue
            for p, c in enumerate(word):
                if c != right_char:
                    continue
                wrong = word[:p] + wrong_char + word[p + 1:]
                seen = words.get(wrong, 0)
                if seen >= WRONG_MAX_FREQ or seen * RATIO > freq or wrong in WORDS_OF_THEIR_OWN:
                    dropped["a word itself"] += 1
                elif len(wrong) == 2 and boundary_risk(wrong, start_mass, end_mass, total) > BOUNDARY_MAX:
                    dropped["boundary risk"] += 1
                elif len(wrong) > 2 and (
                        (p == len(wrong) - 1 and wrong[:-1] in words and start_mass[wrong_char] / total * 1e6 > EDGE_MAX)
                        or (p == 0 and wrong[1:] in words and end_mass[wrong_char] / total * 1e6 > EDGE_MAX)):
                    dropped["edge risk"] += 1
                elif splits_into_words(wrong, words):
                    dropped["splits into words"] += 1
                elif wrong in listed:
                    dropped["listed already"] += 1
                elif wrong not in rows or words.get(rows[wrong][0], 0) < freq:
                    rows[wrong] = (word, f"“{wrong_char}”应为“{right_char}”（常见别字字对）")
    # A right word holding another generated wrong form (万洲号 holds 万洲) is left out.
    for wrong in [w for w, (right, _) in rows.items()
                  if any(right[i:j] in rows for i in range(len(right)) for j in range(i + 2, len(right) + 1))]:
        del rows[wrong]
        dropped["right form holds a wrong one"] += 1
    # What the proofread corpus holds is correct text (one pass per length over the corpus).
    in_corpus = set()
    for length in {len(w) for w in rows}:
        for i in range(len(corpus) - length + 1):
            if corpus[i:i + length] in rows:
                in_corpus.add(corpus[i:i + length])
    for wrong in in_corpus:
        del rows[wrong]
    dropped["in the proofread corpus"] = len(in_corpus)
    section = [
        f"{MARKER}: the classic confused character pairs × jieba 0.42.1 words of frequency >= {RIGHT_MIN_FREQ} (three or four characters: {RIGHT_MIN_FREQ_LONG}); "
        f"a wrong form is kept when jieba has it < {WRONG_MAX_FREQ} times and <= 1/{RATIO} of the right word, "
        f"its boundary risk <= {BOUNDARY_MAX}/M (at an edge: {EDGE_MAX}/M), it splits into no words and is absent from the proofread corpus) ---",
        "# source: generated by tools/lexicon/gen_word_confusions.py from jieba 0.42.1 dict.txt (MIT) and classic character pairs",
    ]
    for wrong in sorted(rows):
        right, basis = rows[wrong]
        section.append(f"{wrong}\t{right}\t{basis}")
    typos_section.replace(args.typos, lines, begin, end, section)
    print(f"{len(rows)} entries; left out: {dict(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
