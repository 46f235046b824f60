#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a large synthetic data file in shequ's schema, for timing the loader.

Records look like the bundled ones (Chinese and English names, pinyin with
tone marks, codes, now and then services, figures and a two-line summary),
about 270 bytes each, so 100,000 records make some 27 MB.  Deterministic.

usage: gen-bigrec.py [N] > big.rec          (default N = 100000)
time:  build/tests/test_load --bench big.rec
       /usr/bin/time -v build/tests/test_load --bench big.rec
"""
import random
import sys

SYL = [('bái', '白'), ('tǎ', '塔'), ('lǐng', '岭'), ('xiàn', '现'), ('dài', '代'),
       ('chéng', '城'), ('shī', '施'), ('jiā', '家'), ('huā', '花'), ('yuán', '园'),
       ('huá', '华'), ('chí', '池'), ('jīn', '金'), ('sè', '色'), ('lí', '黎'),
       ('míng', '明'), ('rén', '仁'), ('hé', '和'), ('cāng', '仓'), ('qiáo', '桥'),
       ('xī', '西'), ('tíng', '亭'), ('huáng', '黄'), ('lóng', '龙'), ('dōng', '东'),
       ('fāng', '方'), ('xiū', '休'), ('bó', '博'), ('hú', '湖'), ('bīn', '滨'),
       ('liáng', '良'), ('zhǔ', '渚'), ('wén', '文'), ('cūn', '村'), ('yàn', '滟'),
       ('lán', '澜'), ('nán', '南'), ('xīng', '星'), ('zǐ', '紫'), ('yáng', '阳')]
CATS = ['language', 'bilingual', 'medical', 'culture', 'volunteers',
        'governance', 'facilities', 'digital']


def name(rng, k):
    syl = [rng.choice(SYL) for _ in range(k)]
    zh = ''.join(c for _, c in syl)
    py = ' '.join(p for p, _ in syl)
    en = ''.join(p for p, _ in syl)
    return zh, py, en


def plain(py):
    for a, b in zip('āáǎàēéěèīíǐìōóǒòūúǔù', 'aaaaeeeeiiiioooouuuu'):
        py = py.replace(a, b)
    return py.replace(' ', '').capitalize()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20171210)
    out = sys.stdout
    out.write('# Synthetic benchmark data (tools/gen-bigrec.py %d).\n\n' % n)
    out.write('%rec: Community\n%key: Code\n%mandatory: Name District Street Code\n\n')
    districts = []
    for d in range(13):
        zh, _, py = name(rng, 2)
        districts.append((zh + '区', plain(py) + ' District', 330100 + d))
    nstreets = min(999, max(150, n // 600))  # keeps codes at 12 digits
    streets = {}
    seq = {}
    for i in range(n):
        dz, de, dcode = districts[min(int(rng.expovariate(0.3)), 12)]
        s = rng.randrange(nstreets)
        if (dcode, s) not in streets:
            zh, _, py = name(rng, 2)
            streets[(dcode, s)] = (zh + '街道', plain(py) + ' Subdistrict')
        sz, se = streets[(dcode, s)]
        seq[(dcode, s)] = seq.get((dcode, s), 0) + 1
        code = '%06d%03d%03d' % (dcode, s, seq[(dcode, s)])
        zh, py, en = name(rng, rng.choice((2, 3, 3, 4)))
        rec = ['Name: %s社区' % zh,
               'NameEn: %s Community' % plain(py),
               'Pinyin: %s shè qū' % py,
               'District: ' + dz,
               'DistrictEn: ' + de,
               'Street: ' + sz,
               'StreetEn: ' + se,
               'Code: ' + code,
               'Batch: %d' % rng.randrange(1, 6),
               'Recognized: 20%02d-%02d' % (rng.randrange(10, 24), rng.randrange(1, 13))]
        if rng.random() < 0.3:
            rec.append('ForeignResidents: %d%s' % (rng.randrange(5, 500),
                                                   '+' if rng.random() < 0.5 else ''))
        if rng.random() < 0.25:
            rec.append('Service: %s | 中外居民共同参加的%s活动 | Activities for Chinese '
                       'and foreign residents together' % (rng.choice(CATS), zh))
        if rng.random() < 0.15:
            rec.append('Summary: 位于%s，以公共服务站构成中外居民的品质生活圈。\n'
                       '+ 第二行：“国际化”社区。' % sz)
        out.write('\n'.join(rec) + '\n\n')


if __name__ == '__main__':
    main()
