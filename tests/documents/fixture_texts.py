"""Small draft translations of hand-out units, written into fixture catalogs for the tests.

They stand in until the real catalogs exist; `conftest.py` switches to translations/ when the real
catalog of a language is there.
"""

from __future__ import annotations

TITLE = "Vragen over opvoeden? Hier kunt u terecht"
KNOW = "Goed om te weten"
FREE = "**Het is gratis.** Een gesprek kost u geen geld."
HERE = "Hier kunt u terecht in de gemeente {gemeente}:"
ORG = "**{organisatie}** ({soort})"
ADDRESS = "Adres: {adres}"
PHONE = "Telefoon: {telefoon}"
LANGS = "Talen: {talen}"
MADE = "Gemaakt op {datum}."

TEXTS: dict[str, dict[str, str]] = {
    "en": {TITLE: "Questions about raising children? This is where you can go", KNOW: "Good to know",
           FREE: "**It is free.** A conversation costs you no money.",
           HERE: "This is where you can go in the municipality of {gemeente}:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "Address: {adres}", PHONE: "Phone: {telefoon}", LANGS: "Languages: {talen}",
           MADE: "Made on {datum}."},
    "ar": {TITLE: "أسئلة عن تربية الأطفال؟ هنا يمكنك الحصول على المساعدة", KNOW: "من المفيد أن تعرف",
           FREE: "**الخدمة مجانية.** المحادثة لا تكلفك أي مال.",
           HERE: "هنا يمكنك الحصول على المساعدة في بلدية {gemeente}:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "العنوان: {adres}", PHONE: "الهاتف: {telefoon}", LANGS: "اللغات: {talen}",
           MADE: "أُعدّ في {datum}."},
    "tr": {TITLE: "Çocuk yetiştirme hakkında sorularınız mı var? Buraya başvurabilirsiniz", KNOW: "Bilmekte fayda var",
           FREE: "**Ücretsizdir.** Bir görüşme size para tutmaz.",
           HERE: "{gemeente} belediyesinde başvurabileceğiniz yerler:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "Adres: {adres}", PHONE: "Telefon: {telefoon}", LANGS: "Diller: {talen}",
           MADE: "Hazırlanma tarihi: {datum}."},
    "ti": {TITLE: "ብዛዕባ ምዕባይ ቆልዑ ሕቶ ኣሎኩም፧ ኣብዚ ክትሕገዙ ትኽእሉ", KNOW: "ክትፈልጥዎ ዘለኩም",
           FREE: "**ብነጻ እዩ።** ዝርርብ ገንዘብ ኣየኽፍለኩምን።",
           HERE: "ኣብ ምምሕዳር {gemeente} ክትሕገዙ ትኽእሉ ቦታታት፡", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "ኣድራሻ፡ {adres}", PHONE: "ቴሌፎን፡ {telefoon}", LANGS: "ቋንቋታት፡ {talen}",
           MADE: "ዝተዳለወሉ ዕለት፡ {datum}።"},
    "so": {TITLE: "Su'aalo ku saabsan barbaarinta? Halkan ayaad u tegi kartaa",
           KNOW: "Waa wanaagsan tahay in la ogaado",
           FREE: "**Waa bilaash.** Wada hadal lacag kuma kacayo.",
           HERE: "Halkan ayaad u tegi kartaa degmada {gemeente}:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "Cinwaanka: {adres}", PHONE: "Telefoonka: {telefoon}", LANGS: "Luqadaha: {talen}",
           MADE: "La sameeyay {datum}."},
    "fa": {TITLE: "سؤالی دربارهٔ تربیت فرزند دارید؟ اینجا می‌توانید کمک بگیرید", KNOW: "خوب است بدانید",
           FREE: "**رایگان است.** گفت‌وگو برای شما هزینه‌ای ندارد.",
           HERE: "در شهرداری {gemeente} می‌توانید به این جاها مراجعه کنید:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "نشانی: {adres}", PHONE: "تلفن: {telefoon}", LANGS: "زبان‌ها: {talen}",
           MADE: "تهیه‌شده در {datum}."},
    "ps": {TITLE: "د ماشومانو د روزنې په اړه پوښتنې لرئ؟ دلته مرسته ترلاسه کولی شئ", KNOW: "ښه ده چې پوه شئ",
           FREE: "**دا وړیا ده.** خبرې اترې تاسو ته هېڅ پیسې نه لګوي.",
           HERE: "په {gemeente} ښاروالۍ کې دلته مرسته ترلاسه کولی شئ:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "پته: {adres}", PHONE: "ټیلیفون: {telefoon}", LANGS: "ژبې: {talen}",
           MADE: "جوړ شوی په {datum}."},
    "uk": {TITLE: "Маєте питання про виховання дітей? Тут вам допоможуть", KNOW: "Варто знати",
           FREE: "**Це безкоштовно.** Розмова нічого вам не коштує.",
           HERE: "Куди звернутися в громаді {gemeente}:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "Адреса: {adres}", PHONE: "Телефон: {telefoon}", LANGS: "Мови: {talen}",
           MADE: "Складено {datum}."},
    "pl": {TITLE: "Masz pytania o wychowanie dzieci? Tutaj możesz się zgłosić", KNOW: "Dobrze wiedzieć",
           FREE: "**To nic nie kosztuje.** Rozmowa jest bezpłatna.",
           HERE: "W gminie {gemeente} możesz się zgłosić tutaj:", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "Adres: {adres}", PHONE: "Telefon: {telefoon}", LANGS: "Języki: {talen}",
           MADE: "Przygotowano {datum}."},
    "am": {TITLE: "ስለ ልጆች አስተዳደግ ጥያቄ አለዎት? እዚህ እርዳታ ማግኘት ይችላሉ", KNOW: "ማወቅ ጥሩ ነው",
           FREE: "**ነፃ ነው።** ውይይት ምንም ገንዘብ አያስከፍልዎትም።",
           HERE: "በ{gemeente} ማዘጋጃ ቤት እርዳታ የሚያገኙባቸው ቦታዎች፦", ORG: "**{organisatie}** ({soort})",
           ADDRESS: "አድራሻ፦ {adres}", PHONE: "ስልክ፦ {telefoon}", LANGS: "ቋንቋዎች፦ {talen}",
           MADE: "የተዘጋጀበት ቀን፦ {datum}።"},
    "ckb": {TITLE: "پرسیارت هەیە دەربارەی پەروەردەکردنی منداڵ؟ لێرە یارمەتی وەردەگریت", KNOW: "باشە بزانیت",
            FREE: "**بەخۆڕاییە.** گفتوگۆ هیچ پارەیەکت لێ ناکەوێت.",
            HERE: "لە شارەوانیی {gemeente} دەتوانیت ڕوو لەم شوێنانە بکەیت:", ORG: "**{organisatie}** ({soort})",
            ADDRESS: "ناونیشان: {adres}", PHONE: "تەلەفۆن: {telefoon}", LANGS: "زمانەکان: {talen}",
            MADE: "ئامادەکراوە لە {datum}."},
}

