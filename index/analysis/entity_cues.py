"""Hand-written cue words for the entity finder (titles, suffixes, connectors).

Kept apart from the data lists because these are rules, not facts: each set
says how a word steers the kind or the extent of a name.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a name that mark a person and are not part of the name.
TITLES = _words(
    """
    Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Dame Lord Lady Madam Miss Mme Mme. Messrs
    President Vice Premier Chancellor Secretary Senator Sen Sen. Rep Rep. Governor Gov Gov.
    Mayor King Queen Prince Princess Pope Cardinal Bishop Archbishop Rev Rev. Reverend
    Father Sister Brother Sheikh Sheik Emir Sultan Ayatollah Imam Rabbi Saint
    General Gen Gen. Colonel Col Col. Major Maj Captain Capt Capt. Lieutenant Lt Lt. Sergeant
    Sgt Admiral Adm Marshal Commander Corporal Private Judge Justice Magistrate Prosecutor
    Chairman Chairwoman Chief Director Coach Manager Striker Midfielder Defender Goalkeeper
    Ambassador Envoy Commissioner Professor Prof Prof. Minister Prime Deputy Foreign Finance
    Interior Defence Defense Trade Economy Economics Justice Health Labour Labor Agriculture
    Spokesman Spokeswoman Speaker Leader Dictator Chairperson Officer Inspector Detective
    Constable Superintendent Archduke Duke Duchess Count Countess Baron Baroness Crown Emperor
    Empress Czar Tsar Patriarch Mullah Rebbe Brig Brigadier Gov-elect President-elect
    Playmaker Forward Winger Skipper Captain Batsman Bowler Opener Pitcher Champion Veteran
    Dr Doctor Nurse Attorney Counsel Lawyer Reporter Correspondent Editor Analyst Economist
    Mrs Minister Ministers Secretary-General Undersecretary Vice-President Vice-Premier
    Sen Congressman Congresswoman Representative Assemblyman Councillor Councilman
    Sir Dame Mister Herr Frau Senor Senora Monsieur Madame Signor CEO CFO COO
    Det Det. Supt Supt. Insp Insp. Cllr Cmdr Cdr DCI
    """
)

# Title words that only qualify a following title ("Foreign Minister"): a
# run of title words is stripped from a name only when it ends in a head.
TITLE_MODIFIERS = _words(
    """
    Vice Prime Deputy Foreign Finance Interior Defence Defense Trade Economy Economics
    Health Labour Labor Agriculture Crown Chief Senior Junior Acting Former Assistant
    """
)
TITLE_HEADS = TITLES - TITLE_MODIFIERS

# Lowercase words just before a name that mark a person ("striker Alan Shearer").
PERSON_BEFORE = _words(
    """
    president minister premier chancellor secretary senator governor mayor king queen prince
    princess pope cardinal bishop general colonel captain judge chairman chief director coach
    manager striker midfielder defender goalkeeper ambassador envoy commissioner professor
    spokesman spokeswoman leader officer analyst economist according widow wife
    husband son daughter brother sister mother father uncle aunt boss actor actress singer
    writer author novelist player batsman bowler champion rider driver winner teammate
    all-rounder opener forward winger keeper skipper veteran newcomer rookie dealer trader
    lawyer attorney banker inspector detective dr mr mrs ms sir dictator rebel chairwoman
    deputy vice-president president-elect candidate nominee challenger rival opponent
    colleague compatriot countryman partner guard centre center pitcher hitter outfielder
    quarterback jockey trainer cyclist sprinter hurdler runner swimmer seed defending
    b c lbw st dissident activist politician lawmaker legislator journalist poet artist
    composer director producer novelist playwright historian scientist physicist doctor
    surgeon priest monk nun cleric guerrilla commander warlord militant suspect victim
    defendant prisoner hostage fugitive refugee pilot astronaut cosmonaut star legend
    midfielder striker forward outfielder infielder catcher shortstop batter bowler
    colleague friend spokesperson adviser advisor aide deputy governor-general
    businessman tycoon billionaire magnate founder owner investor economist strategist
    """
)

# Last words that make a name an organisation.
ORG_LAST = _words(
    """
    Inc Inc. Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. Limited Plc PLC plc LLC
    LP L.P. AG SA S.A. NV N.V. BV GmbH SpA S.p.A. AB ASA Oyj KK Bhd Berhad Tbk Pty
    Group Holdings Holding Bank Bancorp Bankshares Banco Trust Fund Funds Party Ministry
    Council Committee Commission Agency Association Federation Union Club Institute
    University College School Academy Airlines Airline Airways Air Motors Motor Industries
    Systems Technologies Technology Communications Telecom Telecommunications Petroleum Oil
    Energy Securities Capital Partners Investments Exchange Board Authority Office Department
    Army Navy Police Court Parliament Assembly Congress Senate Church Foundation Society
    News Times Post Journal Herald Tribune Gazette Television TV Radio Network Networks Press
    Organisation Organization Front Movement Alliance Coalition Service Services Railways
    Railway Railroad Electric Electronics Chemical Chemicals Pharmaceuticals Pharmaceutical
    Steel Mining Mines Resources Brothers Bros Bros. United Rovers Athletic Athletico
    Wanderers Albion Hotspur Rangers Celtic Dynamo Dinamo Sporting Olympique Racing Real
    Insurance Assurance Financial Finance Bancshares Corps Force Forces Guard Brigade
    Brigades Command Cabinet Government Administration Secretariat Directorate Bureau Inc
    Consortium Cooperative Co-operative Labs Laboratories Foods Products Stores Markets
    Mart Entertainment Studios Pictures Records Media Publishing Publications Software
    Computer Computers Semiconductor Instruments Industries Enterprises Ventures Associates
    Tribunal Tribune Ministries Chamber Chambers Council Institution Hospital Clinic
    Reserve Treasury Mint Gazprom Agencies Syndicate Federal Cartel Mission Team Squad
    Orchestra Band Choir Theatre Theater Museum Library Zoo Observatory Partnership Collective
    """
)

# First words of "X of Y" organisation names.
ORG_OF_HEADS = _words(
    """
    Bank Banks University Ministry Department Council Board Federation Association Union
    Church House Chamber Institute Court Office Bureau Commission Committee Academy College
    School Society League Party Organisation Organization Congress Assembly Parliament
    Federal Fund Museum Conference Confederation Friends Order Knights Sisters Brotherhood
    Chambers Government Cabinet Secretariat Police Army Navy Corps Directorate Agency
    Authority Foundation Trust Club Division Supreme Senate Diet Bundesbank Company
    Corporation Corp Co Group Bancorp Holdings Insurance
    """
)

# First and last words that make a name a place.
PLACE_OF_HEADS = _words(
    """
    Republic Gulf Sea Bay Strait Straits Isle Island Islands Cape Lake Mount Port City
    Province State Kingdom Sultanate Emirate Principality Duchy Commonwealth Federation
    Territory Territories Gulf Bank Strip Heights Valley Coast Region Oblast District
    County Borough Municipality Prefecture Canton Lands Land Sea
    """
)
PLACE_LAST = _words(
    """
    River Sea Ocean Mountains Mountain Mount Mt Island Islands Isles Isle Valley Bay Gulf
    Strait Straits Lake Lakes Street St Road Rd Avenue Ave Square Boulevard Lane Drive
    Airport Stadium Park Province Region Peninsula Desert Coast Hills Heights Bridge Canal
    Beach Falls Plain Plains Plateau Basin Delta Oblast Prefecture Republic Territory
    Territories Strip Sound Channel Harbour Harbor Cape Forest Ridge Creek Springs Range
    Reef Arena Oval Circuit Racecourse Ground Field Palace Castle Cathedral Abbey Tower
    Hall Towers Prison Camp Zone Corridor Pass Highway Motorway Crossing Border Square
    Street Quay Wharf Dam Glacier Volcano Lagoon City Town Village Kingdom
    """
)

# Last words that make a name an event, prize, title or other "misc" name.
MISC_LAST = _words(
    """
    Cup Cups Championship Championships Open Games Olympics Olympiad Prix Award Awards Prize
    Trophy Tour Series Classic Marathon Rally Festival War Wars Act Treaty Accord Accords
    Index Day Week Year Summit Show Expo Fair Derby Stakes Grand Masters Bowl Medal
    Declaration Doctrine Plan Agreement Convention Charter Protocol Bill Constitution
    Revolution Crisis Conference Talks Round Bible Koran Games Fest Biennale Challenge
    Invitational Slam Shield Plate Crown Handicap Gold Silver Bronze Jubilee Christmas
    Easter Ramadan Millennium Census Budget Scale League Division
    """
)

# First words that make a name an organisation ("Real Madrid", "Air France").
ORG_FIRST = _words(
    """
    Real Deportivo Sporting Dynamo Dinamo Atletico Atletico Olympique Racing Inter AC FC SC
    CSKA Spartak Lokomotiv Torpedo Air Banco Banca Banque Credit Bank Club Union Royal
    Bayer Borussia Eintracht Hertha Werder Fortuna Hapoel Maccabi Beitar Galatasaray
    Fenerbahce Slavia Sparta Ferencvaros Partizan Crvena Steaua Rapid Legia Wisla Vitesse
    Feyenoord Ajax PSV Standard Anderlecht Club Young Grasshoppers Servette Admira Austria
    Sturm Benfica Porto Boavista Maritimo Celtic Rangers Hibernian Hearts Aberdeen
    """
)

# Connectors allowed inside a name when capitalised words stand on both sides.
CONNECTORS = _words(
    "de del della der den di du da das dos des la le van von y al el bin ibn ter ten zu"
)

# Capitalised words that are never names on their own.
NOT_NAMES = _words(
    """
    I I'm I've I'd I'll Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Mr Mrs Ms Dr Sir The A An AM PM GMT EST EDT BST CET UTC OK TV Internet Web Net
    """
)

# First words of headlines in sports reports: the rest of the document
# reads teams named after places as organisations.
SPORTS = _words(
    """
    SOCCER FOOTBALL CRICKET TENNIS GOLF RUGBY BASKETBALL BASEBALL HOCKEY ICE CYCLING
    ATHLETICS BOXING MOTOR MOTORCYCLING FORMULA SKIING SWIMMING ROWING SAILING YACHTING
    HORSE HORSE-RACING RACING BADMINTON VOLLEYBALL HANDBALL SQUASH SNOOKER DARTS CHESS
    NFL NBA NHL MLB AUSTRALIAN GAELIC TRIATHLON JUDO WRESTLING FENCING EQUESTRIANISM
    """
)

# Sports of individuals: their reports name players, not clubs.
INDIVIDUAL_SPORTS = _words(
    """
    GOLF TENNIS ATHLETICS CYCLING BOXING SKIING SWIMMING SQUASH BADMINTON SNOOKER DARTS
    CHESS TRIATHLON JUDO WRESTLING FENCING EQUESTRIANISM MOTOR MOTORCYCLING FORMULA ROWING
    SAILING YACHTING HORSE HORSE-RACING RACING
    """
)

# Abbreviations whose final full stop belongs to the word.
ABBREVIATIONS = _words(
    """
    Inc Corp Co Ltd Jr Sr St Mr Mrs Ms Dr Gen Col Capt Lt Sgt Rev Prof Gov Sen Rep Bros Mt Ft
    No vs Messrs Mme Adm Brig Cmdr Maj Pty Dept Univ Assn Jan Feb Mar Apr Aug Sep Sept Oct
    Nov Dec Ave Blvd Rd Plc Cie Calif Fla Mich Tenn Mass Ill Wash Penn Conn Ariz Colo Ind
    Wis Minn Okla Ore Nev Ky Va Ga La Md Mo Neb Kan Ala Miss Del Vt
    """
)

# News agencies named in datelines: "MOSCOW (Reuters) -".
AGENCIES = _words(
    "Reuters AP AFP UPI Xinhua Interfax Itar-Tass ITAR-TASS Tass DPA ANSA Kyodo Bloomberg"
    " Tanjug Itar Anatolian BTA CTK MTI PAP Yonhap Bernama Antara"
)

# Lowercase words right before a name that make it a place.
PLACE_BEFORE = _words("in at near from to via outside inside across throughout towards toward into")

# Lowercase words right before a name that make it an organisation
# ("space agency Roscosmos", "the bank Barings").
ORG_BEFORE = _words(
    """
    agency company firm group bank party carrier airline club team giant maker
    newspaper daily weekly magazine ministry exchange operator insurer retailer producer
    manufacturer utility network broadcaster union unit subsidiary rival conglomerate
    corporation automaker carmaker chipmaker brewer miner refiner supermarket chain
    distributor publisher newsroom side outfit organisation organization association
    """
)

# Postal abbreviations of US states as written in news ("Memphis, Tenn.").
STATE_ABBREVIATIONS = _words(
    """
    Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich.
    Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. Penn. R.I.
    S.C. S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo. D.C. Calif Fla Mich Tenn Mass
    """
)

# Ordinals: names only as part of a longer one ("First Chicago").
ORDINALS = _words("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth")

# Function words: never the first word of a name, whatever the name lists say.
FUNCTION_WORDS = _words(
    """
    a an the in on at of for to from by with without about after before during since until
    and but or nor so yet if when while as because although though unless whether then
    this that these those there here it its he she they we you his her their our your my
    what which who whom whose where why how all any some no not each every both either
    neither one many much more most other such only also even just still however meanwhile
    under over into onto between among against through across per via
    """
)

# Organisations known by one short word that is also a dictionary word.
ORG_WORDS = _words("Fed Labour Likud Congress Senate Parliament Interpol Nasdaq Opec OPEC")

# Lowercase words right after a name that make it an organisation
# ("Le Matin newspaper", "Pirelli shares"); used only for names that the
# lists do not know, since "London shares" and "Algerian radio" are common.
ORG_AFTER = _words(
    """
    newspaper newspapers daily weekly magazine radio television tv agency subsidiary
    subsidiaries unit units management shareholders bondholders shares stock
    """
)

# Lowercase words around a name that make it a place: "the town of Layron",
# "Michoacan state".
PLACE_OF_BEFORE = _words(
    """
    town village city state province region district island port capital suburb county
    republic kingdom valley river area enclave territory municipality prefecture
    """
)
PLACE_AFTER = _words(
    """
    state province region district village town city county airport port river valley
    mountains island islands border enclave governorate prefecture oblast
    """
)

# Lowercase words right before a name that make it a title of a work or a
# product ("the film Gladiator", "shooter Quake", "code-named Blackcomb").
WORK_BEFORE = _words(
    """
    film films movie movies documentary drama dramas comedy comedies sitcom sitcoms soap
    series show shows programme programmes program game games videogame title titles album
    albums song songs book books novel novels musical opera thriller shooter sequel
    blockbuster biopic franchise epic cartoon code-named codenamed entitled titled
    """
)

# Words that make the name after "for"/"in" a work ("nominated for X",
# "starred in X").
WORK_VERBS = _words("nominated nomination nominations starred starring stars appeared role roles")

# Nouns that make the name after "of"/"for" a product or a work: "a new
# version of Quill", "an update for Quill".
PRODUCT_OF = _words("version versions edition editions update updates upgrade copies sequel")

# Lowercase words right after a name that make it a work ("Gladiator star",
# "Quake sequel") or an award ("the Golden Crown awards").
WORK_AFTER = _words("star stars sequel sequels premiere spin-off remake franchise soundtrack")
AWARD_AFTER = _words("award awards prize prizes nomination nominations trophy ceremony")

# Roles right after a name that make it an organisation when it is not a
# person: "Acme chief", "Rovers boss", "Nimbus shareholders".
ORG_ROLE_AFTER = _words(
    """
    chief chiefs boss bosses chairman chairwoman spokesman spokeswoman spokesperson
    executive executives shareholders shares staff employees workers striker strikers
    midfielder midfielders defender defenders goalkeeper keeper manager coach fans
    supporters board directors subsidiary unit division headquarters leader leaders
    members activists candidate candidates
    """
)

# Roles that, followed by "of"/"for"/"at", make the next name an organisation
# ("a spokesman for Acme", "chief executive of Nimbus").
ORG_ROLE_OF = _words(
    """
    spokesman spokeswoman spokesperson executive chairman chairwoman boss shareholders
    shareholder owner owners employees staff subsidiary unit division stake shares
    takeover acquisition bid offer investor investors investment investments invested
    """
)

# Vocabulary of reports on films, television, music, books and games: in
# them an unknown name that is not a person's is mostly a title.
WORKS_WORDS = _words(
    """
    film films movie movies actor actors actress actresses starring screenplay
    box-office cinema episode episodes sitcom sitcoms viewers documentary album albums
    singer chart charts novel novels gamers console consoles sequel premiere nominations
    nominated nomination director directors studio studios comedy drama programmes
    series song songs band bands singles titles gaming shooter shooters videogame
    videogames
    """
)
WORKS_HITS = 4

# Roles after a town's name that make it a club ("Leeds manager").
CLUB_ROLE_AFTER = _words(
    """
    boss manager coach striker midfielder defender goalkeeper keeper winger fans supporters
    chairman captain
    """
)

# People who work at a firm: "analysts at X", "shares in X" name a firm even
# when X reads like a person's name.
ORG_STAFF = _words(
    """
    analyst analysts economist economists strategist strategists employee employees
    shares stake
    """
)

# What a firm has: "Acme's shares", "Acme's chief executive".
ORG_POSSESSED = _words(
    """
    shares share stock profit profits sales revenue revenues earnings turnover
    chief chairman chairwoman executives board shareholders customers subscribers
    products software subsidiary subsidiaries unit division headquarters takeover
    """
)

# Heavenly bodies, places after "the", "on", "to" ("the Moon", "on Mars");
# "Sun" and "Mercury" are left out: more often a newspaper or a firm.
CELESTIAL = _words("Moon Earth Mars Venus Jupiter Saturn Neptune Uranus Pluto")

# Holidays and seasons of the calendar that are names ("misc") on their own.
HOLIDAYS = _words(
    """
    Christmas Xmas Easter Ramadan Eid Hanukkah Chanukah Diwali Thanksgiving Passover
    Halloween Hogmanay Lent Advent Pentecost Whitsun Yom Kippur Rosh Hashanah Hajj
    """
)

# All-caps abbreviations of common nouns: never names ("MP", "AWOL", "PC").
COMMON_ABBREVIATIONS = _words(
    """
    MP MEP MSP QC OBE MBE CBE KBE AWOL ID PC VCR DVD CD PR HIV AIDS GDP GNP CEO CFO COO
    CTO UFO SUV PIN ATM VAT DNA RNA RAM CPU GPS SMS MMS PDF FAQ ASAP IQ IVF ADHD SARS WMD
    POW VIP RSVP IPO HQ DJ TV OK AGM EGM SME
    """
)

# Lowercase words of sports reports: several of them make a report on a
# team sport, where names of towns mostly stand for clubs.
SPORTS_WORDS = _words(
    """
    striker strikers midfielder midfielders defender defenders goalkeeper winger
    fullback full-back playmaker footballer footballers semi-final quarter-final
    fixture fixtures kick-off half-time referee squad rugby football soccer cricket
    wicket wickets innings relegation goalless penalties touchline hat-trick injury-time
    dropped-goal
    """
)
# Words that sports reports share with other news: they count half.
SPORTS_WORDS_WEAK = _words(
    """
    match matches season league cup club clubs coach players player team teams tries
    goal goals scored defeat victory injury squad captain manager boss game fans
    championship tournament trophy title
    """
)
