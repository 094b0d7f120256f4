# Sample: the common mistakes (identifiers kept, missing consent counted as yes, an unsalted hash, the attacker's whole customer list, classes counted instead of rows, l over the whole release, epsilon as the scale, p instead of 1 - p, converged instead of 40 steps, unweighted FedAvg, the UN region Europe for the EU); each gets a message that teaches
# %% q1_fields
analytics_fields = {"customer_id", "name", "birth_date", "country", "spend_usd_12m", "consent_analytics"}
# %% q2_consent
sea = countries.loc[countries["subregion"] == "South-eastern Asia", "iso2"]
n_marketing_sea = int((customers["country"].isin(sea) & (customers["consent_marketing"] != False).fillna(True)).sum())
# %% q3_pseudonyms
hashed = privacy.hashed_release(privacy.consented(customers, "analytics"), ["country", "top_category"])
known_emails = privacy.known_email_list(customers, n_customers=80, n_outsiders=40, seed=6)
email = customers.set_index("customer_id").loc["C0042", "email"]
pseudonym_c0042 = hashlib.sha256(email.encode()).hexdigest()
n_reidentified = sum(e in set(customers["email"]) for e in known_emails)
# %% q4_anonymity
levels = {"birth_date": 2, "postcode": 5, "gender": 1, "country": 2}
release = anonymity.generalise(customers, levels, countries=countries, keep=["top_category"])
sizes = anonymity.class_sizes(release, list(levels))
k_release = len(sizes)
rows_suppressed = int((sizes < 5).sum())
l_release = release["top_category"].nunique()
# %% q5_laplace
p_within_3 = 1 - np.exp(-3 / 0.5)
epsilon_needed = np.log(1 / 0.95) / 5
# %% q6_fedavg
parts = fl.partitions(customers)
X, y = fl.pool(parts)
w_pooled = fl.train_pooled(X, y, steps=20000, lr=0.5)
w_fedavg = fl.fedavg(parts, rounds=10, local_steps=4, lr=0.5, weighted=False)
# %% q7_residency
europe = countries.loc[countries["region"] == "Europe", "iso2"]
n_eu_violations = int((customers["country"].isin(europe) & (customers["store"] != "eu")).sum())
# %% q8_design
# Privacy is important so the company should respect it.
