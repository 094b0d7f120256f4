# Sample: questions 1 to 3 and 4(b) answered correctly, the rest not attempted (partial credit; 4(b) is graded on its own although 4(a) is unanswered)
# %% q1_fields
analytics_fields = ["birth_date", "country", "spend_usd_12m", "consent_analytics"]
# %% q2_consent
sea = countries.loc[countries["subregion"] == "South-eastern Asia", "iso2"]
n_marketing_sea = len(privacy.consented(customers[customers["country"].isin(sea)], "marketing"))
# %% q3_pseudonyms
hashed = privacy.hashed_release(privacy.consented(customers, "analytics"), ["country", "top_category"])
known_emails = privacy.known_email_list(customers, n_customers=80, n_outsiders=40, seed=6)
email = customers.set_index("customer_id").loc["C0042", "email"]
pseudonym_c0042 = privacy.pseudonym(email, "06-live-shop-key")
n_reidentified = len(privacy.reidentify(hashed, known_emails))
# %% q4_anonymity
levels = {"birth_date": 2, "postcode": 5, "gender": 1, "country": 2}
release = anonymity.generalise(customers, levels, countries=countries, keep=["top_category"])
rows_suppressed = anonymity.suppress(release, list(levels), 5)[1]
