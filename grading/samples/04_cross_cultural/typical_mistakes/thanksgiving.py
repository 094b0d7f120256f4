# Sample: gives the fourth Thursday itself (Thanksgiving) as Black Friday
# %% q7_festival
import calendar
thursdays = [d for d in range(1, 31) if calendar.weekday(2030, 11, d) == calendar.THURSDAY]
black_friday_2030 = f"2030-11-{thursdays[3]:02d}"
