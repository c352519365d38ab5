#pragma once
#include <winscard.h>
#include <wintypes.h>
#include <pcsclite.h>
