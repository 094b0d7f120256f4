# Sample: pseudonymises with a plain SHA-256 of the e-mail, no key, and counts every known customer e-mail as re-identified
# %% q3_pseudonyms
hashed = privacy.hashed_release(privacy.consented(customers, "analytics"), ["country", "top_category"])
known_emails = privacy.known_email_list(customers, n_customers=80, n_outsiders=40, seed=6)
email = customers.set_index("customer_id").loc["C0042", "email"]
pseudonym_c0042 = hashlib.sha256(email.encode()).hexdigest()
n_reidentified = 80
