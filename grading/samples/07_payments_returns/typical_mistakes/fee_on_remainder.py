# Sample: charges the payment fee's 2.9% on what the commission left instead of on the buyer's price
# %% q1_fee_stack
after_commission = 24.00 * (1 - 0.08)
left = after_commission - (0.029 * after_commission + 0.30)
payout_cny = left * 9.10 * 0.98
take_rate = 1 - (24.00 - 0.08 * 24.00 - 0.029 * 24.00 - 0.30) * 0.98 / 24.00
