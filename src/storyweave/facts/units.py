"""The unit vocabulary figures are normalised to, and the words that name them.

Cross-checking compares figures between outlets, so every way of writing a unit
must land on one name: "$", "US$", "dollars" and "USD" are all ``"USD"``;
"per cent", "%" and "pc" are ``"percent"``. The vocabulary:

* money: ISO 4217 codes (``USD``, ``GBP``, ``EUR``, ``JPY``, ``CNY``, ...);
* ratios: ``percent``, ``percentage points``, ``basis points``, ``points``;
* measures: SI-style symbols (``km``, ``m``, ``kg``, ``tonnes``, ``l``, ``kW``,
  ``kWh``, ``°C``, ``mph``, ``GB``, ...), durations in the plural (``years``,
  ``days``), ages as ``years old``;
* counts: ``people`` for any noun counting persons (personnel, troops,
  employees, residents, ...), ``jobs`` for jobs and positions, and otherwise the
  counted noun itself, singular and lower-case (``home``, ``vehicle``);
* rates: ``A/B`` (``USD/barrel``, ``bbl/day``);
* shares written in words: ``fraction`` ("half the condos" is 0.5).

Only data lives here; ``figures_scan`` compiles it into regular expressions.
"""

from __future__ import annotations

# Scale words and suffixes. Single letters (m, b, k) are only read as scales when
# glued to a number, and "m" only when the context says money or a count
# (see figures_scan), because "18 m" is a length.
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "K": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "m": 1e6, "M": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "B": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "tr": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "lakh crore": 1e12,  # Indian English
}

# Currency marks written before the amount (longest first when compiled).
CURRENCY_PREFIX: dict[str, str] = {
    "US$": "USD", "US $": "USD", "$US": "USD", "USD": "USD", "U.S.$": "USD",
    "C$": "CAD", "C $": "CAD", "CA$": "CAD", "CAD": "CAD",
    "A$": "AUD", "AU$": "AUD", "AU $": "AUD", "AUD": "AUD",
    "NZ$": "NZD", "NZ $": "NZD", "NZD": "NZD",
    "S$": "SGD", "S $": "SGD", "SGD": "SGD", "HK$": "HKD", "HKD": "HKD",
    "$": "USD", "£": "GBP", "GBP": "GBP", "€": "EUR", "EUR": "EUR",
    "¥": "JPY", "Y=": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR", "₩": "KRW",
    "RM": "MYR", "CHF": "CHF", "R$": "BRL",
    "NOK": "NOK", "SEK": "SEK", "DKK": "DKK", "PLN": "PLN", "HUF": "HUF", "CZK": "CZK", "IDR": "IDR",
    "Rp": "IDR", "SAR": "SAR", "AED": "AED", "ZAR": "ZAR", "RUB": "RUB", "TRY": "TRY", "MXN": "MXN",
    "BRL": "BRL", "KRW": "KRW", "THB": "THB", "NT$": "TWD", "TWD": "TWD", "NGN": "NGN", "PKR": "PKR",
    "EGP": "EGP", "UAH": "UAH", "₽": "RUB", "₺": "TRY", "₦": "NGN", "zł": "PLN",
    "₱": "PHP", "₫": "VND", "₴": "UAH", "KSh": "KES", "Ksh": "KES", "Dh": "AED", "Dhs": "AED",
    "SFr": "CHF", "Mex$": "MXN", "E£": "EGP", "₿": "BTC",
    "R": "ZAR",  # only before an amount with a scale, thousands or decimals (figures_scan)
}

# Currency words written after the amount (case-insensitive; plural optional).
CURRENCY_SUFFIX: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD",
    "new zealand dollars": "NZD", "singapore dollars": "SGD", "hong kong dollars": "HKD",
    "dollars": "USD", "dollar": "USD", "usd": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "gbp": "GBP",
    "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "won": "KRW", "rupees": "INR", "rupee": "INR", "shekels": "ILS", "shekel": "ILS",
    "rand": "ZAR", "ringgit": "MYR", "baht": "THB", "pesos": "MXN", "rubles": "RUB",
    "roubles": "RUB", "francs": "CHF", "kuna": "HRK", "kn": "HRK", "lira": "TRY",
    "cents": "USD-cent", "cent": "USD-cent", "¢": "USD-cent", "pence": "GBP-penny", "p": "GBP-penny",
    "swedish kronor": "SEK", "swedish krona": "SEK", "kronor": "SEK", "krona": "SEK", "sek": "SEK",
    "norwegian kroner": "NOK", "norwegian krone": "NOK", "nok": "NOK",
    "danish kroner": "DKK", "danish krone": "DKK", "dkk": "DKK",
    "zlotys": "PLN", "zloty": "PLN", "złoty": "PLN", "pln": "PLN", "forints": "HUF", "forint": "HUF",
    "korunas": "CZK", "koruna": "CZK", "czech crowns": "CZK", "rupiah": "IDR", "riyals": "SAR", "riyal": "SAR",
    "dirhams": "AED", "dirham": "AED", "hryvnias": "UAH", "hryvnia": "UAH", "naira": "NGN",
    "new taiwan dollars": "TWD", "taiwan dollars": "TWD", "egyptian pounds": "EGP",
    "reais": "BRL", "brazilian reais": "BRL", "brazilian real": "BRL", "brazilian reals": "BRL",
    "swedish crowns": "SEK", "swedish crown": "SEK", "norwegian crowns": "NOK", "norwegian crown": "NOK",
    "danish crowns": "DKK", "danish crown": "DKK", "ruble": "RUB", "rouble": "RUB",
    "kenyan shillings": "KES", "kenyan shilling": "KES", "pakistani rupees": "PKR", "sri lankan rupees": "LKR",
    "philippine pesos": "PHP", "argentine pesos": "ARS", "chilean pesos": "CLP", "colombian pesos": "COP",
    "mexican pesos": "MXN", "vietnamese dong": "VND", "dong": "VND", "cedis": "GHS", "cedi": "GHS",
    "taka": "BDT", "iranian rials": "IRR", "rials": "IRR", "rial": "IRR", "kuwaiti dinars": "KWD",
    "qatari riyals": "QAR", "lei": "RON", "leva": "BGN", "liras": "TRY", "new shekels": "ILS",
    "bitcoins": "BTC", "bitcoin": "BTC", "btc": "BTC",
}

# Measurement units after the amount: canonical name -> surface forms. Forms
# that are all lower-case match in any case; forms with capitals or symbols
# match exactly ("M" is a million, "B" a billion, not metres or bytes).
UNITS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "per cent", "percent", "pct", "pc"),
    "percentage points": ("percentage points", "percentage point", "percentage-points", "percentage-point", "pp"),
    "basis points": ("basis points", "basis point", "basis-points", "basis-point", "bps", "bp"),
    "points": ("points", "point", "pts"),
    "km": ("kilometres", "kilometers", "kilometre", "kilometer", "kms", "km"),
    "m": ("metres", "meters", "metre", "meter", "m"),
    "cm": ("centimetres", "centimeters", "centimetre", "centimeter", "cm"),
    "mm": ("millimetres", "millimeters", "millimetre", "millimeter", "mm"),
    "μm": ("micrometres", "micrometers", "microns", "μm", "um"),
    "mi": ("nautical miles", "nautical mile", "miles", "mile"),
    "ft": ("feet", "foot", "ft", "'"),
    "in": ("inches", "inch", '"'),
    "yd": ("yards", "yard", "yds"),
    "m3": ("cubic metres", "cubic meters", "cubic metre", "cubic meter", "cubic-metre", "cu m", "m3", "m³"),
    "cm2": ("square centimetres", "square centimeters", "sq cm", "cm2", "cm²"),
    "yd2": ("square yards", "square yard", "sq yd"),
    "yd3": ("cubic yards", "cubic yard", "cu yd"),
    "m2": ("square metres", "square meters", "square-metre", "square-meter", "sq m", "sqm", "m2", "m²"),
    "ft2": ("square feet", "square foot", "square-foot", "square-feet", "sq ft", "sqft"),
    "mi2": ("square miles", "square mile", "square-mile", "sq mi"),
    "km2": ("square kilometres", "square kilometers", "square-kilometre", "square-kilometer", "sq km", "km2", "km²"),
    "ft3": ("cubic feet", "cubic foot", "cubic-foot", "cu ft"),
    "ha": ("hectares", "hectare", "ha"),
    "acres": ("acres", "acre"),
    "tonnes": ("tonnes", "tonne", "metric tons", "metric ton"),
    "tons": ("tons", "ton"),
    "kg": ("kilograms", "kilogrammes", "kilogram", "kilos", "kgs", "kg"),
    "g": ("grams", "grammes", "gram", "g"),
    "mg": ("milligrams", "milligrammes", "mg"),
    "μg": ("micrograms", "microgrammes", "microgram", "mcg", "μg", "µg"),
    "kt": ("kilotons", "kilotonnes", "kiloton", "kilotonne"),
    "Mt": ("megatons", "megatonnes", "megaton", "megatonne"),
    "Gt": ("gigatonnes", "gigatons", "gigatonne", "gigaton"),
    "lb": ("pounds", "pound", "lbs", "lb"),
    "oz": ("ounces", "ounce", "oz"),
    "l": ("litres", "liters", "litre", "liter", "l", "L"),
    "ml": ("millilitres", "milliliters", "ml"),
    "gal": ("gallons", "gallon"),
    "pt": ("pints", "pint"),
    "bu": ("bushels", "bushel"),
    "ct": ("carats", "carat"),
    "bbl": ("barrels of oil", "barrels", "barrel", "bbl"),
    "bbl/day": ("bpd", "BPD", "b/d", "bbl/d"),
    "km/h": ("kilometres per hour", "kilometers per hour", "km/h", "km/hr", "kmh", "kmph", "kph"),
    "knots": ("knots", "knot"),
    "mph": ("miles per hour", "mph"),
    "m/s": ("metres per second", "meters per second", "m/s"),
    "mpg": ("miles per gallon", "mpg"),
    "rpm": ("revolutions per minute", "rpm"),
    "W": ("watts", "watt", "W"),
    "kW": ("kilowatts", "kilowatt", "kW", "KW"),
    "MW": ("megawatts", "megawatt", "MW"),
    "GW": ("gigawatts", "gigawatt", "GW"),
    "kWh": ("kilowatt hours", "kilowatt-hours", "kWh"),
    "MWh": ("megawatt hours", "megawatt-hours", "MWh"),
    "GWh": ("gigawatt hours", "gigawatt-hours", "GWh"),
    "TWh": ("terawatt hours", "terawatt-hours", "TWh"),
    "V": ("volts", "volt", "V"),
    "kV": ("kilovolts", "kV"),
    "F": ("farads", "farad"),
    "Hz": ("hertz", "Hz", "HZ"),
    "MHz": ("megahertz", "MHz"), "GHz": ("gigahertz", "GHz"),
    "MPa": ("megapascals", "MPa"), "kPa": ("kilopascals", "kPa"), "hPa": ("hectopascals", "hPa"),
    "psi": ("pounds per square inch", "psi"),
    "cal": ("calories", "calorie"), "kcal": ("kilocalories", "kcal"),
    "A": ("amperes", "amps"), "lm": ("lumens",),
    "ksi": ("ksi",),
    "hp": ("horsepower", "hp", "HP"),
    "bhp": ("bhp",),
    "PS": ("PS",),
    "Nm": ("newton metres", "newton meters", "Nm"),
    "lb-ft": ("pound-feet", "lb-ft", "lb ft"),
    "dB": ("decibels", "decibel", "dB"),
    "roentgen": ("roentgens", "roentgen", "R"),  # "R" is the rand in a clause about money (MONEY_SENSE)
    "°C": ("degrees celsius", "degrees centigrade", "celsius", "°C", "ºC", "C"),
    "°F": ("degrees fahrenheit", "fahrenheit", "°F", "ºF", "F"),
    "degrees": ("degrees", "degree", "°"),
    "ppm": ("parts per million", "ppm"), "ppb": ("parts per billion", "ppb"),
    "GB": ("gigabytes", "GB"), "TB": ("terabytes", "TB"), "MB": ("megabytes", "MB"),
    "KB": ("kilobytes", "KB", "kB"), "PB": ("petabytes", "PB"),
    "kbps": ("kilobits per second", "kbps"), "Mbps": ("megabits per second", "Mbps", "Mbit/s"),
    "Gbps": ("gigabits per second", "Gbps", "Gbit/s"), "Mbit": ("megabits",), "Gbit": ("gigabits",), "mAh": ("mAh",),
    "megapixels": ("megapixels", "megapixel", "MP"), "fps": ("fps",), "nm": ("nanometres", "nanometers", "nm"),
    "bit": ("bits",),
    "years old": ("year-old", "years-old", "years old", "year old"),
    "months old": ("month-old", "months-old", "months old", "month old"),
    "weeks old": ("week-old", "weeks-old", "weeks old", "week old"),
    "days old": ("day-old", "days-old", "days old", "day old"),
    "light years": ("light years", "light-years", "light year", "light-year"),
    "millennia": ("millennia", "millennium"),
    "centuries": ("centuries", "century"),
    "decades": ("decades", "decade"),
    "years": ("years", "year", "yrs", "yr"),
    "months": ("months", "month"),
    "weeks": ("weeks", "week"),
    "days": ("days", "day"),
    "hours": ("hours", "hour", "hrs", "hr", "h"),
    "minutes": ("minutes", "minute", "mins", "min"),
    "seconds": ("seconds", "second", "secs", "sec"),
    "ms": ("milliseconds", "millisecond"), "μs": ("microseconds", "microsecond"), "ns": ("nanoseconds", "nanosecond"),
    "times": ("times",),  # a multiple: "2.5 times sales", "three times a week"
    "points per game": ("points per game", "ppg"),
    "rebounds per game": ("rebounds per game", "rpg"),
    "assists per game": ("assists per game", "apg"),
}

# Denominators of a rate ("$52 a barrel", "325,000 barrels per day").
PER_UNITS: dict[str, str] = {
    "day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
    "minute": "minute", "second": "second", "century": "century", "barrel": "barrel",
    "share": "share", "square foot": "ft2", "gallon": "gal", "litre": "l", "liter": "l",
    "person": "person", "capita": "person", "game": "game", "night": "night",
    "tonne": "tonnes", "ton": "tons", "kilogram": "kg", "kg": "kg", "mile": "mi",
    "ounce": "oz", "oz": "oz", "pound": "lb", "lb": "lb", "kilo": "kg", "square metre": "m2", "square meter": "m2",
    "acre": "acres", "hectare": "ha", "kilowatt hour": "kWh", "kWh": "kWh", "megawatt hour": "MWh", "MWh": "MWh",
    "cubic metre": "m3", "cubic meter": "m3", "cubic foot": "ft3", "square mile": "mi2", "square kilometre": "km2",
    "square kilometer": "km2", "kilometre": "km", "kilometer": "km", "km": "km", "metre": "m", "meter": "m",
    "decade": "decades", "household": "household", "head": "person", "passenger": "passenger",
    "annum": "year", "m3": "m3", "m³": "m3", "m2": "m2", "m²": "m2", "sq m": "m2", "sqm": "m2",
    "sq ft": "ft2", "sqft": "ft2",
}

# Units whose forms also name money: in a clause about money (a price, a cost, a fee) they are
# the currency. "tickets cost 50 pounds" is sterling, "weighs 3 pounds" a weight; "the price of
# petrol is 18 R" is the rand, "an exposure of 0.5 R per day" the roentgen.
MONEY_SENSE: dict[str, str] = {"lb": "GBP", "roentgen": "ZAR"}

# Symbols that are also initials ("R and D", "R Kelly"): read as units only before the end of a
# clause or a rate's "per" (figures_scan).
INITIALS = frozenset(("R",))

# Nouns that count persons: normalised to "people" so "54,000 troops" and
# "54,000 military personnel" compare, and "600 scientists" work where "600 people" do. Jobs,
# occupations and roles count persons as much as "people" does.
PEOPLE_NOUNS = frozenset(
    "people persons person personnel troops soldiers servicemembers sailors marines "
    "employees workers staff staffers residents citizens civilians children kids adults "
    "students voters passengers patients victims refugees migrants immigrants members "
    "users customers followers fans visitors tourists protesters demonstrators officers "
    "police officials doctors nurses teachers pensioners retirees inhabitants individuals "
    "men women americans britons europeans japanese chinese deaths dead injured casualties "
    "hostages prisoners inmates players athletes households "
    # occupations and roles
    "scientists researchers engineers technicians academics scholars physicians surgeons medics "
    "paramedics firefighters rescuers labourers laborers farmers miners fishermen builders "
    "lawyers judges journalists reporters actors actresses artists musicians singers pilots "
    "drivers guards crew crewmembers volunteers survivors witnesses suspects gunmen attackers "
    "fighters militants rebels insurgents lawmakers legislators senators diplomats "
    "ministers executives managers commuters travellers travelers pilgrims worshippers "
    "spectators shoppers detainees evacuees mourners".split()
)
JOB_NOUNS = frozenset("jobs job positions posts roles vacancies hires".split())
