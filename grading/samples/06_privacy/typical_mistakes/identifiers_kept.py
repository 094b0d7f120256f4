# Sample: keeps the e-mail and customer id "to be safe", as if the report needed to know who the customers are
# %% q1_fields
analytics_fields = ["customer_id", "email", "birth_date", "country", "spend_usd_12m", "consent_analytics"]
