"""Writes data/gold/positions/: synthetic articles + hand-written gold (see README there).
Texts are literal; list passages are the verified lists of data/alignments written out with
chosen surface forms. Gold positions and mention counts are declared per article by hand."""
import csv, sys
from collections import Counter
from pathlib import Path

OUT = Path(sys.argv[1])
ISO = {  # surface form -> iso3, written by hand
 "Albania":"ALB","Andorra":"AND","Australia":"AUS","Austria":"AUT","Belgium":"BEL","Belize":"BLZ","Bulgaria":"BGR",
 "Canada":"CAN","Croatia":"HRV","Czechia":"CZE","Czech Republic":"CZE","the Czech Republic":"CZE","Denmark":"DNK","Estonia":"EST","Eswatini":"SWZ",
 "Finland":"FIN","France":"FRA","Germany":"DEU","Guatemala":"GTM","Iceland":"ISL","Ireland":"IRL","Israel":"ISR",
 "Italy":"ITA","Japan":"JPN","Latvia":"LVA","Liberia":"LBR","Liechtenstein":"LIE","Lithuania":"LTU","Luxembourg":"LUX",
 "Marshall Islands":"MHL","the Marshall Islands":"MHL","Monaco":"MCO","Montenegro":"MNE","Nauru":"NRU","Netherlands":"NLD","the Netherlands":"NLD",
 "New Zealand":"NZL","North Macedonia":"MKD","Norway":"NOR","Palau":"PLW","Poland":"POL","Portugal":"PRT",
 "Romania":"ROU","San Marino":"SMR","Slovakia":"SVK","Slovenia":"SVN","Somalia":"SOM","Spain":"ESP","Sweden":"SWE",
 "Switzerland":"CHE","Turkey":"TUR","Ukraine":"UKR","United Kingdom":"GBR","the United Kingdom":"GBR","Britain":"GBR","UK":"GBR",
 "United States":"USA","the United States":"USA","U.S.":"USA","US":"USA","Bosnia and Herzegovina":"BIH","Haiti":"HTI","Honduras":"HND",
 "Algeria":"DZA","Angola":"AGO","Bahrain":"BHR","Belarus":"BLR","Bolivia":"BOL","Burkina Faso":"BFA","Burundi":"BDI",
 "Cambodia":"KHM","Cameroon":"CMR","Comoros":"COM","the Comoros":"COM","Republic of the Congo":"COG","the Congo":"COG","Congo":"COG",
 "Cuba":"CUB","Democratic Republic of the Congo":"COD","DR Congo":"COD","Egypt":"EGY","Eritrea":"ERI","Gabon":"GAB",
 "Kuwait":"KWT","Laos":"LAO","Lao PDR":"LAO","Lao People's Democratic Republic":"LAO","Myanmar":"MMR","Nigeria":"NGA",
 "North Korea":"PRK","Democratic People's Republic of Korea":"PRK","Oman":"OMN","Pakistan":"PAK","Philippines":"PHL","the Philippines":"PHL",
 "Qatar":"QAT","Russia":"RUS","Russian Federation":"RUS","the Russian Federation":"RUS","Saudi Arabia":"SAU","South Sudan":"SSD","Sudan":"SDN","the Sudan":"SDN",
 "Syria":"SYR","Syrian Arab Republic":"SYR","the Syrian Arab Republic":"SYR","Tajikistan":"TJK","Togo":"TGO","Turkmenistan":"TKM",
 "United Arab Emirates":"ARE","the United Arab Emirates":"ARE","UAE":"ARE","the UAE":"ARE","Venezuela":"VEN","Bolivarian Republic of Venezuela":"VEN",
 "Plurinational State of Bolivia":"BOL","Zimbabwe":"ZWE",
 "Bangladesh":"BGD","Iran":"IRN","Islamic Republic of Iran":"IRN","Iraq":"IRQ","Palestine":"PSE","State of Palestine":"PSE","the State of Palestine":"PSE",
 "Nepal":"NPL","Mozambique":"MOZ","Serbia":"SRB","Uzbekistan":"UZB","Zambia":"ZMB","Sri Lanka":"LKA","Equatorial Guinea":"GNQ",
 "Uganda":"UGA","Djibouti":"DJI","Yemen":"YEM",
 "Central African Republic":"CAF","the Central African Republic":"CAF","Dominica":"DMA","Grenada":"GRD","Guinea":"GIN","Guinea-Bissau":"GNB",
 "Kiribati":"KIR","Madagascar":"MDG","Morocco":"MAR","Nicaragua":"NIC","Tanzania":"TZA","United Republic of Tanzania":"TZA",
 "Paraguay":"PRY","South Korea":"KOR","Republic of Korea":"KOR","Cote d'Ivoire":"CIV","Côte d'Ivoire":"CIV","Ivory Coast":"CIV",
 "Indonesia":"IDN","Kazakhstan":"KAZ","Mauritania":"MRT","Namibia":"NAM","Senegal":"SEN",
 "Argentina":"ARG","Armenia":"ARM","Benin":"BEN","Brazil":"BRA","Gambia":"GMB","the Gambia":"GMB","India":"IND","Libya":"LBY",
 "Malawi":"MWI","Malaysia":"MYS","Mexico":"MEX","China":"CHN","Peru":"PER","Chile":"CHL","Kenya":"KEN",
 "United Kingdom of Great Britain and Northern Ireland":"GBR","United States of America":"USA","Türkiye":"TUR",
}
G11, G17 = "A/HRC/41/G/11", "A/HRC/41/G/17"
U19, U20, C20, U21, U22, V22 = ("UNGA74-C3-2019-10-29-GBR", "UNGA75-C3-2020-10-06-DEU", "UNGA75-C3-2020-10-06-CUB",
                               "UNGA76-C3-2021-10-21-FRA", "UNGA77-C3-2022-10-31-CAN", "A/HRC/51/L.6")
SANCTIONS = "sanctions-2021-03"

def names(s):
    s = s.replace("Bosnia and Herzegovina", "BOSNIA_H").replace("Britain and Northern", "BRITAIN_NI")
    return [n.strip().replace("BOSNIA_H", "Bosnia and Herzegovina").replace("BRITAIN_NI", "Britain and Northern") for n in s.replace(" and ", ", ").split(",") if n.strip()]

def join(items, last="and"):
    return ", ".join(items[:-1]) + f" {last} " + items[-1]

L22 = names("Australia, Austria, Belgium, Canada, Denmark, Estonia, Finland, France, Germany, Iceland, Ireland, Japan, Latvia, Lithuania, Luxembourg, the Netherlands, New Zealand, Norway, Spain, Sweden, Switzerland, Britain")
L37 = names("Algeria, Angola, Bahrain, Belarus, Bolivia, Burkina Faso, Burundi, Cambodia, Cameroon, the Comoros, the Republic of the Congo, Cuba, DR Congo, Egypt, Eritrea, Gabon, Kuwait, Laos, Myanmar, Nigeria, North Korea, Oman, Pakistan, the Philippines, Qatar, Russia, Saudi Arabia, Somalia, South Sudan, Sudan, Syria, Tajikistan, Togo, Turkmenistan, the UAE, Venezuela, Zimbabwe")
L37_UN = names("Algeria, Angola, Bahrain, Belarus, Plurinational State of Bolivia, Burkina Faso, Burundi, Cambodia, Cameroon, the Comoros, the Congo, Cuba, Democratic Republic of the Congo, Egypt, Eritrea, Gabon, Kuwait, Lao People's Democratic Republic, Myanmar, Nigeria, Democratic People's Republic of Korea, Oman, Pakistan, the Philippines, Qatar, the Russian Federation, Saudi Arabia, Somalia, South Sudan, the Sudan, the Syrian Arab Republic, Tajikistan, Togo, Turkmenistan, the United Arab Emirates, Bolivarian Republic of Venezuela, Zimbabwe")
LATER = names("Bangladesh, Iran, Iraq, Palestine, Nepal, Mozambique, Serbia, Uzbekistan, Zambia, Sri Lanka, Equatorial Guinea, Uganda, Djibouti, Yemen")
L23 = names("Albania, Australia, Austria, Belgium, Canada, Denmark, Estonia, Finland, France, Germany, Iceland, Ireland, Japan, Latvia, Liechtenstein, Lithuania, Luxembourg, the Netherlands, New Zealand, Norway, Sweden, the United States, the United Kingdom")
L39 = names("Albania, Australia, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Canada, Croatia, Denmark, Estonia, Finland, France, Germany, Haiti, Honduras, Iceland, Ireland, Italy, Japan, Latvia, Liechtenstein, Lithuania, Luxembourg, the Marshall Islands, Monaco, Nauru, the Netherlands, New Zealand, North Macedonia, Norway, Palau, Poland, Slovakia, Slovenia, Spain, Sweden, Switzerland, the United Kingdom, the United States")
L45 = names("Angola, Bahrain, Belarus, Burundi, Cambodia, Cameroon, the Central African Republic, China, the Comoros, DR Congo, Cuba, Dominica, Egypt, Equatorial Guinea, Eritrea, Gabon, Grenada, Guinea, Guinea-Bissau, Iran, Iraq, Kiribati, Lao PDR, Madagascar, Morocco, Mozambique, Myanmar, Nepal, Nicaragua, North Korea, Pakistan, the State of Palestine, Russia, Saudi Arabia, South Sudan, Sri Lanka, Sudan, Syria, Tanzania, Togo, Uganda, the UAE, Venezuela, Yemen, Zimbabwe")
L43 = names("Albania, Australia, Austria, Belgium, Bulgaria, Canada, Croatia, the Czech Republic, Denmark, Estonia, Eswatini, Finland, France, Germany, Honduras, Iceland, Ireland, Italy, Japan, Latvia, Liberia, Liechtenstein, Lithuania, Luxembourg, the Marshall Islands, Monaco, Montenegro, Nauru, the Netherlands, New Zealand, North Macedonia, Norway, Palau, Poland, Portugal, San Marino, Slovakia, Slovenia, Spain, Sweden, Turkey, Britain, the United States")
L50 = names("Albania, Andorra, Australia, Austria, Belgium, Belize, Bulgaria, Canada, Czechia, Croatia, Denmark, Estonia, Eswatini, Finland, France, Germany, Guatemala, Iceland, Ireland, Israel, Italy, Japan, Latvia, Liberia, Liechtenstein, Lithuania, Luxembourg, the Marshall Islands, Monaco, Montenegro, Nauru, the Netherlands, New Zealand, North Macedonia, Norway, Palau, Poland, Portugal, Romania, San Marino, Slovakia, Slovenia, Somalia, Spain, Sweden, Switzerland, Turkey, Ukraine, the United Kingdom, the United States")
YES = names("Czechia, Finland, France, Germany, Honduras, Japan, Lithuania, Luxembourg, the Marshall Islands, Montenegro, the Netherlands, Paraguay, Poland, South Korea, Somalia, Britain, the United States")
NO = names("Bolivia, Cameroon, China, Ivory Coast, Cuba, Eritrea, Gabon, Indonesia, Kazakhstan, Mauritania, Namibia, Nepal, Pakistan, Qatar, Senegal, Sudan, the UAE, Uzbekistan, Venezuela")
ABST = names("Argentina, Armenia, Benin, Brazil, the Gambia, India, Libya, Malawi, Malaysia, Mexico, Ukraine")

def strip_the(n): return n
ARTICLES = []

def article(aid, style, outlet, title, text, gold, mentions):
    """gold: list of (names-list-or-str, position, event, action); mentions: Counter of iso3 -> n."""
    ARTICLES.append((aid, style, outlet, title, text.strip() + "\n", gold, mentions))

def M(*parts, **kw):
    c = Counter()
    for p in parts:
        if isinstance(p, list):
            c.update(ISO[n] for n in p)
        else:
            for tok in p.split():
                code, n = tok.split(":")
                c[code] += int(n)
    return c

# ---------------------------------------------------------------- wire
article("g01", "wire", "Synthetic Wire A", "Twenty-two nations sign letter on Xinjiang camps", f"""
GENEVA (Synthetic Wire) - Twenty-two countries have signed a letter to the UN Human Rights Council criticising China's mass detention of Uyghurs in Xinjiang, diplomats said on Wednesday.
The letter, dated July 8, 2019, was signed by {join(L22)}.
China rejected the letter as interference in its internal affairs.
Days later, on July 12, 37 countries answered with a counter-letter praising China's record in the region. Saudi Arabia, Russia, Pakistan and Egypt were among the signatories.
""", [(L22, "against", G11, "signed"), (names("Saudi Arabia, Russia, Pakistan, Egypt"), "support", G17, "signed")],
   M(L22, "CHN:3", names("Saudi Arabia, Russia, Pakistan, Egypt")))

article("g02", "wire", "Synthetic Wire B", "Rival statements on Xinjiang at UN committee", """
NEW YORK (Synthetic Wire) - Germany read a joint statement on behalf of 39 countries at the UN General Assembly's Third Committee on October 6, 2020, urging China to respect the rights of Uyghurs.
The signatories included the United States, Britain, Japan, Australia and Canada.
Cuba then delivered a rival statement on behalf of 45 countries defending China's policies in Xinjiang.
Pakistan, Russia, Egypt and Iran backed the Cuban text.
A Chinese envoy thanked the 45 for their support.
""", [(names("Germany, the United States, Britain, Japan, Australia, Canada"), "against", U20, "read on behalf of|signed"),
      (names("Cuba, Pakistan, Russia, Egypt, Iran"), "support", C20, "read on behalf of|backed")],
   M("DEU:1 USA:1 GBR:1 JPN:1 AUS:1 CAN:1 CUB:1 CHN:2 PAK:1 RUS:1 EGY:1 IRN:1"))

article("g03", "wire", "Synthetic Wire A", "UN rights council rejects Xinjiang debate", f"""
GENEVA (Synthetic Wire) - The UN Human Rights Council on Thursday rejected a motion to hold a debate on human rights in Xinjiang, by 19 votes to 17 with 11 abstentions.
The draft decision was introduced by the United States.
Voting yes were {join(YES)}.
Voting no were {join(NO)}.
Abstaining: {join(ABST)}.
The vote, on October 6, 2022, was only the second defeat of a motion in the council's history.
""", [(YES, "against", V22, "voted yes"), (["the United States"], "against", V22, "introduced"),
      ([n for n in NO if n != "China"], "support", V22, "voted no"), (ABST, "abstained", V22, "abstained")],
   M(YES, NO, ABST, "USA:1"))

article("g04", "wire", "Synthetic Wire C", "Qatar pulls out of letter backing China", """
DOHA (Synthetic Wire) - Qatar has withdrawn its signature from a July 2019 letter to the UN Human Rights Council that defended China's policies in Xinjiang, officials said.
In a letter dated July 18, Qatar asked the council president to remove its name from the counter-letter, which 37 countries had signed on July 12.
Other Gulf signatories, Saudi Arabia, Kuwait, Oman, Bahrain and the United Arab Emirates, did not withdraw.
""", [(["Qatar"], "withdrew", G17, "withdrew"), (names("Saudi Arabia, Kuwait, Oman, Bahrain, the United Arab Emirates"), "support", G17, "signed")],
   M("QAT:2 CHN:1 SAU:1 KWT:1 OMN:1 BHR:1 ARE:1"))

# ---------------------------------------------------------------- feature
article("g05", "feature", "Synthetic Magazine", "The countries that changed sides", """
Somalia's diplomats have travelled a long way on Xinjiang.
In July 2019 Somalia was one of the 37 countries that signed the counter-letter praising China. Three years later, in October 2022, Somalia voted yes when the Human Rights Council decided whether to debate Xinjiang, the only African country to do so.
That same month Somalia also joined the 50 countries of the Canada-led statement at the Third Committee.
Turkey took a different road: Turkey stayed out of the 2019 and 2020 statements, then joined the France-led statement of 43 countries in October 2021.
Ukraine abstained in the Human Rights Council vote of October 2022, yet three weeks later Ukraine signed the Canada-led statement of 50.
""", [(["Somalia"], "support", G17, "signed"), (["Somalia"], "against", V22, "voted yes"), (["Somalia"], "against", U22, "joined"),
      (["Turkey"], "against", U21, "joined"), (["Ukraine"], "abstained", V22, "abstained"), (["Ukraine"], "against", U22, "signed"),
      (["Canada"], "against", U22, "led"), (["France"], "against", U21, "led")],
   M("SOM:4 CHN:1 TUR:2 UKR:2 CAN:2 FRA:1"))

article("g06", "feature", "Synthetic Magazine", "Inside the letter of 22", """
The letter that 22 ambassadors sent to the Human Rights Council in July 2019 was a quiet affair.
There was no press conference. Japan was the only Asian country to sign it; the others were European, plus Australia, New Zealand and Canada.
The United States did not sign the letter, having left the council the year before.
Among the Europeans, the Nordic governments, Sweden, Norway, Denmark, Finland and Iceland, all put their names to it.
Italy was not among the signatories.
""", [(["Japan"], "against", G11, "signed"), (names("Australia, New Zealand, Canada"), "against", G11, "signed"),
      (names("Sweden, Norway, Denmark, Finland, Iceland"), "against", G11, "signed")],
   M("JPN:1 AUS:1 NZL:1 CAN:1 USA:1 SWE:1 NOR:1 DNK:1 FIN:1 ISL:1 ITA:1"))

article("g07", "feature", "Synthetic Review", "Why Muslim-majority states stood by Beijing", """
For Uyghur activists, the most painful signatures on the July 2019 counter-letter were those of Muslim-majority states.
Pakistan, Saudi Arabia, Egypt and Algeria all signed the letter commending China's "counter-terrorism and deradicalization measures".
Iran was not among the first 37 signatories but added its name later that month, as did Iraq and Bangladesh.
Indonesia and Malaysia, by contrast, signed neither letter.
Only Qatar, which later withdrew, broke ranks.
""", [(names("Pakistan, Saudi Arabia, Egypt, Algeria"), "support", G17, "signed"), (names("Iran, Iraq, Bangladesh"), "support", G17, "joined"),
      (["Qatar"], "withdrew", G17, "withdrew")],
   M("PAK:1 SAU:1 EGY:1 DZA:1 CHN:1 IRN:1 IRQ:1 BGD:1 IDN:1 MYS:1 QAT:1"))

# ---------------------------------------------------------------- opinion
article("g08", "opinion", "Synthetic Opinion", "Opinion: The letter and the lesson", """
OPINION. Say what you like about the 22, at least they showed up.
Britain, France and Germany put their names to the July 2019 letter condemning the camps in Xinjiang. So did Japan, which deserves more credit than it gets.
And who rushed to Beijing's defence with a letter of their own? Russia, Cuba and Venezuela, of course, joined by North Korea.
Why did Italy not sign? Rome has never explained.
The views expressed are the author's own.
""", [(names("Britain, France, Germany, Japan"), "against", G11, "signed"), (names("Russia, Cuba, Venezuela, North Korea"), "support", G17, "signed")],
   M("GBR:1 FRA:1 DEU:1 JPN:1 RUS:1 CUB:1 VEN:1 PRK:1 ITA:1"))

article("g09", "opinion", "Synthetic Opinion", "Opinion: Forty-three is not enough", """
Forty-three countries, led by France, signed the October 2021 statement on Xinjiang at the Third Committee. It is progress, but slow progress.
Eswatini, Liberia and Turkey joined for the first time, and they deserve praise for it.
Where was Switzerland? Bern did not join this time, and neither did Israel.
The usual defenders of Beijing were as loud as ever.
""", [(["France"], "against", U21, "led"), (names("Eswatini, Liberia, Turkey"), "against", U21, "joined")],
   M("FRA:1 SWZ:1 LBR:1 TUR:1 CHE:1 ISR:1"))

article("g10", "opinion", "Synthetic Column", "Opinion: A vote that shamed the council", """
The Human Rights Council could not even agree to talk about Xinjiang in October 2022.
Indonesia, Qatar and the UAE voted no, siding with China. India, Brazil and Mexico abstained, which amounts to the same thing.
Somalia voted yes, braver than many richer nations.
Shame on those who looked away.
""", [(names("Indonesia, Qatar, the UAE"), "support", V22, "voted no"), (names("India, Brazil, Mexico"), "abstained", V22, "abstained"),
      (["Somalia"], "against", V22, "voted yes")],
   M("IDN:1 QAT:1 ARE:1 CHN:1 IND:1 BRA:1 MEX:1 SOM:1"))

# ---------------------------------------------------------------- scraped
article("g11", "scraped", "synthetic-news-site.example", "45 countries back China at UN", f"""
Home | World | Asia | Video | Subscribe
Share on Facebook
Tweet
45 countries back China at UN
By Staff Writer | 8 Oct 2020
Cuba read out a joint statement on behalf of 45 countries at the Third Committee on 6 October 2020, supporting China's measures in Xinjiang.
The full list of signatories:
{join(L45)}.
Related: Hong Kong police arrest activists
Related: EU weighs new trade rules
Advertisement
Copyright Synthetic News Site. All rights reserved.
""", [([n for n in L45 if n != "China"], "support", C20, "signed"), (["Cuba"], "support", C20, "read on behalf of")],
   M(L45, "CUB:1 CHN:1"))

article("g12", "scraped", "synthetic-mission.example", "Joint statement on Xinjiang, 29 October 2019", """
Menu
Search this site
Joint statement on Xinjiang
Delivered by the United Kingdom at the UN General Assembly Third Committee, 29 October 2019, on behalf of 23 countries:
""" + "\n".join(f"- {n}" for n in L23) + """
We call on China to uphold its national and international obligations.
Print this page
Back to top
""", [(L23, "against", U19, "signed"), (["the United Kingdom"], "against", U19, "read on behalf of")],
   M(L23, "GBR:1 CHN:1"))

article("g13", "scraped", "synthetic-aggregator.example", "50 states condemn China at UN", f"""
TRENDING NOW
50 states condemn China at UN
Published 1 November 2022
Canada delivered a joint statement at the UN General Assembly's Third Committee on 31 October 2022 on behalf of 50 countries, condemning China's treatment of Uyghurs.
The countries that joined the statement were: {join(L50[:25])}.
Also signing were {join(L50[25:])}.
Read more
Advertisement
""", [(L50, "against", U22, "signed"), (["Canada"], "against", U22, "read on behalf of")],
   M(L50, "CAN:1 CHN:1"))

# ---------------------------------------------------------------- vote_report
article("g14", "vote_report", "Synthetic Council Monitor", "Council vote on Xinjiang debate: the record", f"""
HRC 51, 6 October 2022. Draft decision A/HRC/51/L.6 on holding a debate on the situation of human rights in Xinjiang. Rejected: 17 in favour, 19 against, 11 abstentions.
In favour (17): {", ".join(YES)}.
Against (19): {", ".join(NO)}.
Abstentions (11): {", ".join(ABST)}.
Note: a vote against the draft was a vote not to hold the debate.
""", [(YES, "against", V22, "voted yes"), ([n for n in NO if n != "China"], "support", V22, "voted no"), (ABST, "abstained", V22, "abstained")],
   M(YES, NO, ABST))

article("g15", "vote_report", "Synthetic Wire B", "How the council voted on Xinjiang", """
GENEVA (Synthetic Wire) - Britain, the United States, Germany and France were among the 17 members that voted in favour of holding a debate on Xinjiang on October 6, 2022.
They were joined by Paraguay, Honduras and Somalia.
The 19 members that voted against the motion included Indonesia, Pakistan, Qatar and Kazakhstan, alongside China itself.
Ukraine, India and Argentina were among the 11 that abstained.
""", [(names("Britain, the United States, Germany, France"), "against", V22, "voted yes"), (names("Paraguay, Honduras, Somalia"), "against", V22, "voted yes"),
      (names("Indonesia, Pakistan, Qatar, Kazakhstan"), "support", V22, "voted no"), (names("Ukraine, India, Argentina"), "abstained", V22, "abstained")],
   M("GBR:1 USA:1 DEU:1 FRA:1 PRY:1 HND:1 SOM:1 IDN:1 PAK:1 QAT:1 KAZ:1 CHN:1 UKR:1 IND:1 ARG:1"))

article("g16", "vote_report", "Synthetic UN Digest", "Recorded vote, A/HRC/51/L.6", """
Recorded vote on draft decision A/HRC/51/L.6 (Human Rights Council, 6 October 2022).
The following voted in favour: Republic of Korea, United Kingdom of Great Britain and Northern Ireland, United States of America, Czechia, Marshall Islands.
The following voted against: Plurinational State of Bolivia, Côte d'Ivoire, Bolivarian Republic of Venezuela, United Arab Emirates, Uzbekistan.
The following abstained: Armenia, Benin, Gambia, Libya, Malawi, Malaysia.
(Partial list.)
""", [(names("Republic of Korea, United Kingdom of Great Britain and Northern Ireland, United States of America, Czechia, Marshall Islands"), "against", V22, "voted yes"),
      (names("Plurinational State of Bolivia, Côte d'Ivoire, Bolivarian Republic of Venezuela, United Arab Emirates, Uzbekistan"), "support", V22, "voted no"),
      (names("Armenia, Benin, Gambia, Libya, Malawi, Malaysia"), "abstained", V22, "abstained")],
   M("KOR:1 GBR:1 USA:1 CZE:1 MHL:1 BOL:1 CIV:1 VEN:1 ARE:1 UZB:1 ARM:1 BEN:1 GMB:1 LBY:1 MWI:1 MYS:1"))

# ---------------------------------------------------------------- list_heavy
article("g17", "list_heavy", "Synthetic Documents", "The counter-letter of 12 July 2019: signatories", f"""
The letter of 12 July 2019 to the President of the Human Rights Council, praising China's achievements in Xinjiang, was signed by the permanent representatives of the following 37 States: {", ".join(L37_UN)}.
Qatar later withdrew its signature.
""", [([n for n in L37_UN if n != "Qatar"], "support", G17, "signed"), (["Qatar"], "support", G17, "signed"), (["Qatar"], "withdrew", G17, "withdrew")],
   M(L37_UN, "CHN:1 QAT:1"))

article("g18", "list_heavy", "Synthetic Documents", "Who signed the 2020 statement", f"""
Thirty-nine countries signed the joint statement on Xinjiang and Hong Kong read by Germany at the Third Committee in October 2020.
The signatories were {join(L39[:20])}.
The remaining signatories were {join(L39[20:])}.
Hong Kong was named in the statement, but it did not sign.
""", [(L39, "against", U20, "signed"), (["Germany"], "against", U20, "read on behalf of")],
   M(L39, "DEU:1"))

article("g19", "list_heavy", "Synthetic Documents", "Later additions to the counter-letter", f"""
The counter-letter backing China, first signed by 37 countries on July 12, 2019, kept growing.
Fourteen more countries joined it later. They were {join(LATER)}.
With those additions the document, as issued, carried 50 names.
""", [(LATER, "support", G17, "joined")],
   M(LATER, "CHN:1"))

article("g20", "list_heavy", "Synthetic Documents", "The 43 of October 2021", f"""
France read the joint statement on Xinjiang at the Third Committee on October 21, 2021, on behalf of 43 countries.
The 43 were: {join(L43[:14])};
{join(L43[14:29])};
and {join(L43[29:])}.
""", [(L43, "against", U21, "signed"), (["France"], "against", U21, "read on behalf of")],
   M(L43, "FRA:1"))

# ---------------------------------------------------------------- prose_heavy
article("g21", "prose_heavy", "Synthetic Review", "Two letters, two camps", """
When the ambassadors of Britain and Canada added their signatures to the letter of July 8, 2019, few expected a reply within days.
Britain, which had helped draft the text, was quick to dismiss the praise that Pakistan and Egypt heaped on Beijing in the counter-letter that followed.
Diplomats from both camps say the exchange hardened positions for years.
Cambodia and Myanmar, long close to Beijing, also put their names to that counter-letter, while Japan's ambassador, who had signed the first, said little in public.
""", [(names("Britain, Canada"), "against", G11, "signed"), (names("Pakistan, Egypt"), "support", G17, "signed"),
      (names("Cambodia, Myanmar"), "support", G17, "signed"), (["Japan"], "against", G11, "signed")],
   M("GBR:2 CAN:1 PAK:1 EGY:1 KHM:1 MMR:1 JPN:1"))

article("g22", "prose_heavy", "Synthetic Review", "The sanctions of March 2021", """
On March 22, 2021, the European Union, Britain and Canada imposed sanctions on four Chinese officials and a security bureau in Xinjiang, in a coordinated move.
The United States sanctioned two of the officials the same day, having listed the other two the previous year.
Australia and New Zealand issued a joint statement welcoming the measures.
China answered with counter-sanctions on European lawmakers and researchers, and later on British and American targets.
""", [(names("Britain, Canada, United States"), "against", SANCTIONS, "sanctioned"), (names("Australia, New Zealand"), "against", SANCTIONS, "welcomed")],
   M("GBR:1 CAN:1 USA:1 AUS:1 NZL:1 CHN:1"))

article("g23", "prose_heavy", "Synthetic Magazine", "A statement that grew each autumn", """
The Third Committee statements on Xinjiang grew year by year. In October 2019 the United Kingdom read one for 23 countries; Albania and Liechtenstein were among them, alongside the United States.
A year later Germany's statement had 39 signatories, among them Italy, Haiti and Honduras, none of which had signed in 2019.
In 2021 Haiti did not return to the list, but Honduras signed again.
By October 2022 it was Honduras that was missing from the Canada-led statement of 50 countries, although Honduras had voted yes at the Human Rights Council that month.
""", [(names("the United Kingdom, Albania, Liechtenstein, the United States"), "against", U19, "read on behalf of|signed"),
      (names("Germany, Italy, Haiti, Honduras"), "against", U20, "signed"), (["Honduras"], "against", U21, "signed"),
      (["Honduras"], "against", V22, "voted yes"), (["Canada"], "against", U22, "led")],
   M("GBR:1 ALB:1 LIE:1 USA:1 DEU:1 ITA:1 HTI:2 HND:4 CAN:1"))

# ---------------------------------------------------------------- trap
article("g24", "trap", "Synthetic Lifestyle", "Fair food, signed and sealed", """
Turkey legs sold out by noon at the county fair in Athens, Georgia, where Chad Miller signed autographs for fans.
Georgia voters backed a new fairground budget, and the vendors voted yes to longer hours.
A family from Peru, who signed a lease on the corner stall last year, supports the local football team against its rivals.
Jordan Ellis praised the China plates on sale, and a Guinea pig named Pepper drew a crowd near a New Mexico chili stand.
Visitors from Hong Kong joined the queue, and stallholders complained about EU rules on imported cheese.
Turkey sandwiches were two dollars.
""", [], M("PER:1"))

# ---------------------------------------------------------------- write
OUT.mkdir(parents=True, exist_ok=True)
(OUT / "articles").mkdir(exist_ok=True)
meta, styles, pos, men = [], [], [], []
for aid, style, outlet, title, text, gold, mentions in ARTICLES:
    fname = f"{aid}_{style}.txt"
    (OUT / "articles" / fname).write_text(text, encoding="utf-8")
    meta.append({"article_id": aid, "file": fname, "outlet": outlet, "title": title, "author": "Synthetic (gold set)",
                 "published": "", "url": "", "notes": f"SYNTHETIC article written for the positions gold set (style: {style}); facts only from data/alignments; not real reporting"})
    styles.append({"article_id": aid, "style": style})
    seen = set()
    for who, position, event, action in gold:
        for n in ([who] if isinstance(who, str) else who):
            key = (ISO[n], position, event)
            if key in seen:
                continue
            seen.add(key)
            assert n in text, (aid, n)
            pos.append({"article_id": aid, "iso3": ISO[n], "position": position, "event": event, "action": action, "surface": n})
    for code, n in sorted(mentions.items()):
        men.append({"article_id": aid, "iso3": code, "n_name_mentions": n})
def write(name, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader(); w.writerows(rows)
write("articles/metadata.csv", meta); write("styles.csv", styles); write("positions.csv", pos); write("mentions.csv", men)
print(len(ARTICLES), "articles", len(pos), "positions", sum(r["n_name_mentions"] for r in men), "mentions")
