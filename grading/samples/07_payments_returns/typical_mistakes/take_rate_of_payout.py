# Sample: divides what the third parties keep by what the seller receives instead of by the buyer's price
# %% q1_fee_stack
price_cny = 24.00 * 9.10
payout_cny = (24.00 - 0.08 * 24.00 - (0.029 * 24.00 + 0.30)) * 9.10 * 0.98
take_rate = (price_cny - payout_cny) / payout_cny
