# Sample: fills the UAE's missing scores with the "Arab countries" aggregate and reports that distance as the UAE's
# %% q4_missing
from course import culture as cu
proxied, _ = cu.substitute_proxy(scores, regions, ["AE"])
cd_saudi = 1.0
cd_uae = cu.kogut_singh(proxied, ddof=1, over=cu.complete_markets(scores)).set_index("iso2").loc["AE", "distance"]
